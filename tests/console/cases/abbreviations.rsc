# abbreviations (console-language 7.3): unique prefixes of menu,
# command and argument names, and of enum values, are accepted on
# execution and stored in full.  So are names of referenced items
# (2.3); a prefix of several names is ambiguous.
/ip addr add addr=127.0.0.2/8 int=lo
/ip addr pri
/ip addr pri det
/ip ad print ter
/int l2tp-server server set use-ipsec=require ipsec-secret=x enabled=y
:put [/interface l2tp-server server get use-ipsec]
:put [/interface l2tp-server server get enabled]
/int l2tp-server ser pr
/ip fi fi add ch=input act=drop proto=tcp dst-p=22 comm=ssh
/ip fi fi add ch=forward act=acc connection-s=est,rel
/ip firewall filter print
/ip firewall filter export
/ip pool add na=p ra=10.0.0.1
/ip pool pr det
/ppp secret add name=u serv=l2 password=x prof=default-enc
:onerror e in={ /ppp secret add name=v profile=def } do={ :put $e }
/ip firewall filter add chain=input in-interface-list=!WA in-interface=l
/ppp secret print
/ip ipsec profile set [find default=yes] enc-algorithm=aes-256 hash=sha256
/ip ipsec profile print
/system logging add top=ipsec,!deb act=echo
/system logging print where !default
/ip firewall filter export
:put [/ip pool fin]
