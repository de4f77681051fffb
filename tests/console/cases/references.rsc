# references between menus (console-language 2.3): a value naming an
# item must exist; renaming the item carries into every reference; an
# item still referenced can not be removed.
/ip pool add name=vpn-pool ranges=10.0.0.2-10.0.0.9
/ppp profile add name=vpn local-address=10.0.0.1 remote-address=vpn-pool
/ppp secret add name=alice profile=vpn service=l2tp
/interface l2tp-server server set default-profile=vpn
/ip firewall filter add chain=input in-interface-list=LAN action=accept
/ip pool set vpn-pool name=clients
/ppp profile set vpn name=remote
/interface list set LAN name=INSIDE
/ppp profile print detail where name=remote
/ppp secret print
:put [/interface l2tp-server server get default-profile]
/ip firewall filter print
/export
:onerror e in={ /ip pool remove clients } do={ :put $e }
:onerror e in={ /ppp profile remove remote } do={ :put $e }
:onerror e in={ /ppp secret set alice profile=vpn } do={ :put $e }
:onerror e in={ /ppp profile set remote remote-address=nosuch } \
    do={ :put $e }
# an address is not a reference: it needs no pool
/ppp profile set remote remote-address=10.0.0.200
/ip pool remove clients
/ip pool print count-only
/ppp profile print detail where name=remote
