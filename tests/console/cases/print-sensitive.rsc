# secrets in print (console-language 4.1, menus.md 0): hidden unless
# show-sensitive, in every layout; an empty secret still shows in the
# settings layout; as-value and get leave them out of whole items.
/ppp secret
add name=alice password=s3cret service=l2tp
add name=bob service=l2tp
print
print show-sensitive
print detail
print detail show-sensitive
print terse
print terse show-sensitive
print show-sensitive proplist=name,password
:put [print as-value]
:put [get alice]
:put [get alice password]
/interface l2tp-server server print
/interface l2tp-server server set ipsec-secret=PSK use-ipsec=yes
/interface l2tp-server server print
/interface l2tp-server server print show-sensitive
:put [/interface l2tp-server server get ipsec-secret]
/ip ipsec peer add name=site address=192.0.2.1/32
/ip ipsec identity add peer=site secret=peer-secret
/ip ipsec identity print where peer=site
/ip ipsec identity print show-sensitive where peer=site
