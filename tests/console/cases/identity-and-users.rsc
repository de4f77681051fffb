# /system identity (menus.md 34) and /user, /user group (35): the
# password is stored hashed and never printed or exported, not even
# with show-sensitive; factory groups are set by name in exports.
/system identity print
/system identity set name=edge-01
/system identity print
:put [/system identity get name]
/system identity export
/system identity export verbose
/user print
/user print detail
/user group print
/user add name=bob group=read password=Secret123 comment="ops"
/user print
/user print detail show-sensitive
/user print terse show-sensitive
:put [:typeof [/user get bob password]]
:put [:len [/user find where password~"Secret"]]
/user set bob group=write address=10.0.0.0/8
/user group add name=ops policy=read,test,!write
/user group print detail where name=ops
/user export
/user export show-sensitive verbose
/user group export
/user group set read policy=local,read
/user group export
:onerror e in={ /user group remove full } do={ :put $e }
:onerror e in={ /user add name=eve group=nosuch } do={ :put $e }
/user remove bob
/user print count-only
