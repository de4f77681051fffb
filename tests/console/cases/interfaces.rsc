# /interface in a network namespace of its own holds only lo (menus.md
# 4); /interface list has the built-ins all, none, dynamic, static
# (flag *) and the defconf WAN and LAN lists; members refer to both.
/interface print
/interface print detail
/interface print terse
:put [/interface get lo type]
:put [/interface find]
/interface set lo comment="loop back" mtu=65000
/interface print
/interface export
/interface list print
/interface list print detail
/interface list add name=VPN comment="remote clients" include=dynamic
/interface list member add list=LAN interface=lo
/interface list member add list=VPN interface=lo disabled=yes
/interface list member print
/interface list member print detail
/interface list print where !builtin
/interface list set [find name=all] comment="everything"
/interface list export
/interface list member export
:onerror e in={ /interface list remove all } do={ :put $e }
:onerror e in={ /interface list member add list=LAN interface=lo } \
    do={ :put $e }
:onerror e in={ /interface list member add list=LAN interface=eth9 } \
    do={ :put $e }
:onerror e in={ /interface list remove VPN } do={ :put $e }
/interface list member remove [find list=VPN]
/interface list remove VPN
/interface list print count-only
