# print layouts (console-language 5.1-5.5): table, detail, terse, brief,
# count-only, as-value, proplist, show-ids, and the settings layout.
/ip pool
add name=alpha ranges=10.0.0.1-10.0.0.10
add name=beta ranges=10.1.0.0/24 comment="second pool"
add name=gamma ranges=10.2.0.1,10.2.0.5-10.2.0.6 next-pool=alpha
# table: Columns line, # column, numeric columns right-aligned,
# comment as a ;;; line above its row
print
print brief
# detail: number in 2 columns, name quoted, blank line after each item
print detail
# terse: one line per item, comment= first, nothing quoted
print terse
print count-only
print detail proplist=ranges,name
print proplist=name,ranges
print show-ids
print terse show-ids
# as-value returns an array of maps; :put flattens it
:put [print as-value]
:put [:len [print as-value]]
:put ([print as-value]->1->"name")
:put [print count-only as-value]
# inside [ ] count-only yields the number instead of printing it
:put [print count-only]
:local n [print count-only where name~"^[ab]"]
:put "$n pools start with a or b"
# a list whose rows carry flags: legend, flag slot, empty slot
/ip firewall address-list
add list=a address=10.0.0.1
add list=a address=10.0.0.2 disabled=yes
print
# rule menus print in the detail layout even without detail
/ip firewall filter
add chain=input action=accept protocol=icmp comment="allow ping"
add chain=input action=drop disabled=yes
print
print terse
# a settings menu: right-aligned names, lists one value per line
/interface l2tp-server server print
/system identity print
