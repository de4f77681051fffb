# MikroTik L2TP VPN setup -- the guide's GUI steps as console commands.
# Step 1: IP pool and PPP profile
/ip pool add name=vpn-pool ranges=192.168.89.10-192.168.89.100
/ppp profile add name=l2tp-profile local-address=192.168.89.1 \
    remote-address=vpn-pool
# Step 2: global L2TP server with IPsec required
/interface l2tp-server server set enabled=yes default-profile=l2tp-profile \
    use-ipsec=required ipsec-secret="Complex-PSK-2026"
# Step 3: PPP users
/ppp secret add name=alice password=alice-pass service=l2tp \
    profile=l2tp-profile
/ppp secret add name=bob password=bob-pass service=l2tp profile=l2tp-profile
# Step 4: input chain accepts for IKE, NAT-T, L2TP and ESP
/ip firewall filter
add chain=input action=accept protocol=udp dst-port=500 comment="IKE"
add chain=input action=accept protocol=udp dst-port=4500 comment="NAT-T"
add chain=input action=accept protocol=udp dst-port=1701 \
    comment="L2TP link establishment"
add chain=input action=accept protocol=ipsec-esp comment="IPsec ESP"
# FastTrack with the IPsec bypass placed before it
add chain=forward action=fasttrack-connection \
    connection-state=established,related comment="fasttrack"
add chain=forward action=accept connection-state=established,related
add chain=forward action=accept ipsec-policy=in,ipsec place-before=4 \
    comment="IPsec in bypasses fasttrack"
add chain=forward action=accept ipsec-policy=out,ipsec place-before=4 \
    comment="IPsec out bypasses fasttrack"
/ip firewall nat
add chain=srcnat action=accept ipsec-policy=out,ipsec \
    comment="no NAT for IPsec"
add chain=srcnat action=masquerade out-interface-list=WAN
# Steps 5 and 6: phase 2 proposal and phase 1 profile
/ip ipsec proposal set [find default=yes] auth-algorithms=sha256 \
    enc-algorithms=aes-256-cbc pfs-group=modp2048
/ip ipsec profile set [find default=yes] hash-algorithm=sha256 \
    enc-algorithm=aes-256 nat-traversal=yes
# Every menu the guide touched, in both layouts.
/ip pool print
/ip pool print detail
/ppp profile print
/ppp profile print detail
/interface l2tp-server server print
/ppp secret print
/ppp secret print detail
/ip firewall filter print
/ip firewall filter print detail
/ip firewall nat print
/ip firewall nat print detail
/ip ipsec proposal print
/ip ipsec proposal print detail
/ip ipsec profile print
/ip ipsec profile print detail
/ip ipsec peer print detail
/ip ipsec identity print detail
/export
