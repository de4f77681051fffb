# print/find where (console-language 3.5): = != < > ~ in, and/or/!,
# juxtaposition, grouping, variables and commands as operands.  Filtered
# prints keep the numbers of the full list.
/ip firewall address-list
add list=blocked address=10.0.0.1 comment=first
add list=blocked address=10.0.0.0/24
add list=allowed address=192.168.1.10
add list=allowed address=192.168.2.0/24 disabled=yes
add list=other address=172.16.0.1-172.16.0.9
print where list=blocked
print where list!=blocked
print where list="allowed" and !disabled
print where list=allowed && !disabled
print where list=allowed or list=other
print where list=allowed || list=other
# juxtaposed terms are joined by and
print where list=allowed disabled
print where disabled
print where !disabled list=allowed
print where address~"^192"
print where address~"\\.0/24\$"
print where address in 10.0.0.0/8
print where address in 192.168.0.0/16
print where !(list=blocked)
print where (list=blocked)=false
print where (list=blocked or list=other) and !(address~"/")
print where comment="first" || list=other
:local l "other"
print where list=$l
print where list=[:pick "blockedX" 0 7]
print where list=nosuch
print count-only where list=allowed
print count-only where disabled
:put [find where list=blocked]
:put [find list=blocked]
# ordering comparisons on numbers and times
/ip route
add dst-address=10.1.0.0/16 gateway=127.0.0.1 distance=1
add dst-address=10.2.0.0/16 gateway=127.0.0.1 distance=10
add dst-address=10.3.0.0/16 gateway=127.0.0.1 distance=200
print where distance>5
print where distance<10
print where distance>=10 && distance<=200
print where dst-address in 10.2.0.0/15
/ppp profile
add name=short session-timeout=30m
add name=long session-timeout=2h
print proplist=name,session-timeout where session-timeout<1h
print proplist=name,session-timeout where session-timeout>1h
