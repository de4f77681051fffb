# 2026-03-02 09:10:11 by RouterOS 7.21.5
# software id = 8K2N-QW1T
#
# model = RB5009UG+S+
# serial number = HEX0000TEST
/interface bridge
add admin-mac=48:A9:8A:00:00:01 auto-mac=no comment=defconf name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment=uplink
set [ find default-name=sfp-sfpplus1 ] auto-negotiation=no speed=10G-baseSR-LR
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/interface wireguard
add listen-port=13231 mtu=1420 name=wg0
/ip pool
add name=dhcp ranges=192.168.88.10-192.168.88.254
add name=vpn-pool ranges=10.99.0.10-10.99.0.200
/ip dhcp-server
add address-pool=dhcp interface=bridge name=defconf
/ip ipsec profile
set [ find default=yes ] dpd-interval=2m dpd-maximum-failures=5 \
    enc-algorithm=aes-256,aes-128
/ip ipsec proposal
set [ find default=yes ] enc-algorithms=aes-256-cbc,aes-128-cbc
/ppp profile
add local-address=10.99.0.1 name=l2tp-prof remote-address=vpn-pool \
    use-encryption=yes
/queue type
add kind=fq-codel name=fq-codel-default
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=ether3
/ip neighbor discovery-settings
set discover-interface-list=LAN
/interface l2tp-server server
set default-profile=l2tp-prof enabled=yes use-ipsec=required
/interface list member
add comment=defconf interface=bridge list=LAN
add comment=defconf interface=ether1 list=WAN
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=\
    192.168.88.0
add address=203.0.113.2/30 interface=ether1 network=203.0.113.0
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=\
    192.168.88.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,9.9.9.9
/ip firewall filter
add action=accept chain=input comment=\
    "defconf: accept established,related,untracked" connection-state=\
    established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=\
    invalid
add action=accept chain=input comment="IKE, NAT-T and L2TP" dst-port=\
    500,1701,4500 protocol=udp
add action=accept chain=input protocol=ipsec-esp
add action=drop chain=input comment="defconf: drop all not coming from LAN" \
    in-interface-list=!LAN
add action=accept chain=forward comment="defconf: accept in ipsec policy" \
    ipsec-policy=in,ipsec
add action=accept chain=forward comment="defconf: accept out ipsec policy" \
    ipsec-policy=out,ipsec
add action=fasttrack-connection chain=forward comment="defconf: fasttrack" \
    connection-state=established,related
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" \
    ipsec-policy=out,none out-interface-list=WAN
/ip route
add disabled=no dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=main \
    scope=30
/ip service
set telnet disabled=yes
set ftp disabled=yes
/ipv6 firewall filter
add action=drop chain=input comment="defconf: drop everything else"
/ppp secret
add name=alice profile=l2tp-prof service=l2tp
/routing bgp template
set default disabled=no output.network=bgp-networks
/system clock
set time-zone-name=Europe/Riga
/system identity
set name=edge-01
/system logging
add topics=ipsec,!debug
/system note
set show-at-login=no
/tool mac-server
set allowed-interface-list=LAN
/tool mac-server mac-winbox
set allowed-interface-list=LAN
