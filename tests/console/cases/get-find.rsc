# get (console-language 4): one value, the whole item as an array, and
# `get name` in a settings menu; find with and without `where`, flags
# as boolean properties, find results fed to commands (3.4).
/ip pool
add name=alpha ranges=10.0.0.1-10.0.0.10 comment=A
add name=beta ranges=10.1.0.1
:put [get alpha ranges]
:put [get [find name=beta] name]
:put [get 0 total]
:put [get 0]
:put [:typeof [get 0]]
:local a [get alpha]
:put ($a->"ranges")
:put ($a->".id")
:put [:typeof [get beta comment]]
# settings menus: the one positional is the property
:put [/system identity get name]
:put [/interface l2tp-server server get use-ipsec]
:put [/interface l2tp-server server get enabled]
:put [:typeof [/interface l2tp-server server get enabled]]
:put [:typeof [/interface l2tp-server server get max-mtu]]
:put [:typeof [/interface l2tp-server server get keepalive-timeout]]
:put [:typeof [/ip ipsec profile get [find default=yes] lifetime]]
:put [/ip ipsec profile get [find default=yes] lifetime]
# find: array of ids, with or without the where keyword
:put [find]
:put [find name=beta]
:put [find where name=beta]
:put [find where name~"a\$"]
:put [:len [find name=nosuch]]
:put [:typeof [find]]
# flags queried as properties
:put [/ppp profile find default=yes]
:put [/ppp profile find default]
:put [:len [/ppp profile find !default]]
/ip firewall filter add chain=input disabled=yes
/ip firewall filter add chain=forward
:put [/ip firewall filter find disabled]
:put [/ip firewall filter find !disabled]
:put [/ip firewall filter find disabled=no]
:put [/ip firewall filter find where chain=forward !disabled]
/interface l2tp-server server set enabled=yes use-ipsec=yes ipsec-secret=s
:put [/ip ipsec peer find dynamic]
:put [:len [/ip ipsec peer find !dynamic]]
:put [/ip ipsec peer get [find dynamic] name]
:put [/ip ipsec peer get [find] passive]
# find feeds set and remove
/ip pool set [find] comment=all
:put [/ip pool get beta comment]
/ip pool remove [find name~"^a"]
:put [/ip pool find]
# get needs exactly one item
:onerror e in={ :put [/ip firewall filter get [find] chain] } do={ :put $e }
:onerror e in={ :put [/ip pool get [find name=none] name] } do={ :put $e }
:onerror e in={ :put [/ip pool get beta bogus] } do={ :put $e }
