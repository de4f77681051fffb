# L2TP/IPsec: Multiple Road Warriors Behind NAT -- every command block of
# the guide, verbatim and in order.
/ip pool add name=l2tp-pool ranges=10.10.10.10-10.10.10.200
/ppp profile add \
name=l2tp-prof \
local-address=10.10.10.1 \
remote-address=l2tp-pool \
use-encryption=yes \
dns-server=8.8.8.8,8.8.4.4
/interface l2tp-server server set \
enabled=yes \
use-ipsec=require \
ipsec-secret=YourStrongPSK \
default-profile=l2tp-prof \
authentication=mschap2
/ppp secret add name=user1 password=Pass1 service=l2tp profile=l2tp-prof
/ppp secret add name=user2 password=Pass2 service=l2tp profile=l2tp-prof
/ppp secret add name=user3 password=Pass3 service=l2tp profile=l2tp-prof
# Enable NAT traversal on the default IPsec profile
/ip ipsec profile set [find default=yes] nat-traversal=yes
# Use port-strict policy generation so each NAT'd client gets its own Phase 2 policy
/ip ipsec identity set [find] generate-policy=port-strict
# Require a unique SA per traffic flow
/ip ipsec policy set [find] level=unique
/ip firewall filter
add chain=input action=accept protocol=udp dst-port=500,4500 \
in-interface-list=WAN comment="L2TP/IPsec IKE and NAT-T"
add chain=input action=accept protocol=ipsec-esp \
in-interface-list=WAN comment="L2TP/IPsec ESP"
# Should show one SA per connected client
/ip ipsec sa print
# Should show one active PPP session per connected user
/ppp active print
# Check that policies are per-client (port-unique entries)
/ip ipsec policy print
/ip ipsec identity set [find] generate-policy=port-strict
/ip ipsec policy set [find] level=unique
/ip ipsec sa flush
/ip ipsec profile set [find default=yes] dpd-interval=30s dpd-maximum-failures=5
/ip ipsec sa flush
/ip ipsec policy print
/ip ipsec identity print detail
/system logging add topics=ipsec,!debug action=memory
/system logging add topics=l2tp,!debug action=memory
/log print follow where topics~"ipsec|l2tp"
/system logging remove [find topics~"ipsec"]
/system logging remove [find topics~"l2tp"]
/ip ipsec sa flush
