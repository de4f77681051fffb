# export (console-language 4.2, 5.7): compact by default, verbose with
# !name for unset properties, terse one-liners, secrets only with
# show-sensitive, per-menu export, export where, export file=.
/ip pool add name=vpn ranges=10.0.0.2-10.0.0.200 comment="VPN clients"
/ppp profile add name=vpn-prof local-address=10.0.0.1 remote-address=vpn
/ppp profile set default-encryption dns-server=9.9.9.9
/ppp secret add name=alice password=s3cret service=l2tp profile=vpn-prof
/interface l2tp-server server set enabled=yes use-ipsec=required \
    ipsec-secret=PSK default-profile=vpn-prof
/ip firewall address-list add list=blocked address=1.2.3.4
/ip firewall address-list add list=ok address=5.6.7.8 comment="good host"
/ip firewall filter add chain=input action=accept protocol=udp \
    dst-port=500,1701,4500 comment="IKE, NAT-T and L2TP from anywhere" \
    in-interface-list=all
/ip ipsec profile set [find default=yes] dpd-interval=30s
/system identity set name=edge-01
/export
/export show-sensitive
/export compact hide-sensitive
/export terse
/ppp secret export verbose
/ppp secret export verbose show-sensitive
/interface l2tp-server server export verbose
/ip firewall address-list export where list=blocked
/ip firewall address-list export terse
/ip firewall export
/ppp export
/export file=cfg
/export file=cfg-secret.rsc show-sensitive
/file print proplist=name,type,size
