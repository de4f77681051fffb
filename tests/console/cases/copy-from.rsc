# add copy-from= (console-language 4): the new item starts from the
# source's values; names stay unique; flags of the source (default) are
# not copied; place-before still applies.
/ppp profile
add name=base local-address=10.5.0.1 dns-server=1.1.1.1 use-encryption=required \
    comment=tmpl
add copy-from=base name=derived use-encryption=yes
add copy-from=default name=fromdef
add copy-from=[find name=base] name=byfind
print detail where name~"base|derived|fromdef|byfind"
export
/ip firewall filter
add chain=input action=drop protocol=tcp dst-port=23 comment=telnet
add copy-from=0 dst-port=21 comment=ftp
add copy-from=*1 dst-port=25 comment=smtp place-before=0
print
/ip pool
add name=a ranges=10.0.0.1 next-pool=none comment=first
add copy-from=a name=b
print detail
:onerror e in={ add copy-from=a } do={ :put $e }
:onerror e in={ add copy-from=nosuch name=c } do={ :put $e }
