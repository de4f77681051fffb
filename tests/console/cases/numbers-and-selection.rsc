# item numbers (console-language 3.1-3.4): assigned as if print had run
# when there was none; valid until the next print even after add and
# remove; lists; internal ids; names; [find] arrays; per-menu tables.
/ip pool
add name=p0 ranges=10.0.0.1
add name=p1 ranges=10.0.0.2
add name=p2 ranges=10.0.0.3
# no print yet in this menu
set 1 comment=one
print
remove 0
add name=p3 ranges=10.0.0.4
# still the numbering of the last print: 2 is p2, 1 is p1
set 2 comment=two
set 1 comment=uno
print
# the new print renumbers: 0 p1, 1 p2, 2 p3
set 0,2 comment=both
print
set *3 comment=byid
set p1 comment=byname
set [find name=p3] comment=byfind
print
:put [find]
:local id [add name=p4 ranges=10.0.0.5]
:put $id
:put [:typeof $id]
set $id comment=fromvar
print detail where name=p4
# an empty [find] selects nothing and is no error
remove [find name=nosuch]
print count-only
# numbers of another menu are independent
/ip firewall address-list
add list=x address=1.1.1.1
add list=x address=1.1.1.2
print
remove 1
/ip pool
set 1 comment=stillmine
print
/ip firewall address-list print
