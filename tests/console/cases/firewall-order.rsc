# rule order in /ip firewall filter (menus.md 0.1, 26): add appends,
# place-before inserts in front of an item (number, id or comment), move
# puts items before a destination or at the end; order is per table.
/ip firewall filter
add chain=input action=accept protocol=udp dst-port=500,4500 comment=IKE
add chain=forward action=accept connection-state=established,related
add chain=input action=drop comment="drop rest"
print
add chain=input action=accept protocol=icmp place-before=0 comment=icmp
print
# by internal id and by comment
add chain=input action=accept protocol=ipsec-esp place-before=*2 comment=esp
add chain=input action=accept protocol=udp dst-port=1701 \
    place-before="drop rest" comment=l2tp
print
# move one item before another, then a list to the end
move 5 0
print
move 0,1
print
# move by comment name
move [find comment=IKE] [find comment=icmp]
print
:put [find]
