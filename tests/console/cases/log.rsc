# /log (menus.md 33): :log and /log write messages with topics
# script,<level>; print filters by message and topics.  The time column
# changes from run to run, so these prints choose their properties.
:log info "hello from script"
:log warning "careful now"
/log info "direct write"
/log error message="bad thing"
:log debug ("computed " . (6 * 7))
/log print proplist=topics,message
/log print proplist=message where message~"hello"
/log print count-only where message~"hello"
/log print proplist=topics,message where topics~"warning|error"
# no rule takes debug to memory: nothing was kept
/log print count-only where topics~"debug"
:put [/log get [find message~"direct"] topics]
# debug goes nowhere until a rule takes the debug topic to memory
/system logging add topics=debug
:log debug "now kept"
/log print proplist=topics,message where topics~"debug"
:put [:len [/log find where topics~"script"]]
:foreach i in=[/log find where message~"^c"] do={ :put [/log get $i message] }
# log rules route topics to actions
/system logging add topics=ipsec,!debug
/system logging add topics=l2tp action=echo prefix=L2TP
/system logging print
/system logging remove [find topics~"ipsec|debug"]
/system logging print where !default
/system logging set 0 action=disk
/system logging export
