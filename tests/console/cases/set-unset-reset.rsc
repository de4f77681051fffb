# set, !prop in set, unset, reset, enable, disable, comment
# (console-language 1.4, 4).  unset takes the properties the 7.21.5 tree
# offers as its value-name; reset's call form is unconfirmed: the named
# properties go back to their defaults, the given values are ignored.
/ip firewall filter
add chain=input action=drop protocol=tcp dst-port=22 src-address=10.0.0.0/8 \
    src-address-list=lab log=yes log-prefix=SSH
print
# !name in set removes the property, like unset
set 0 !dst-port !src-address action=reject reject-with=tcp-reset
print
unset 0 src-address-list
unset numbers=0 value-name=protocol
set 0 log-prefix=""
print
disable 0
print
enable 0
comment 0 comment="hello world"
print
comment 0 comment=""
print
set 0 comment=again disabled=yes
print terse
# several items at once
add chain=forward action=accept
add chain=output action=accept
print
disable 1,2
print
enable [find chain=forward]
print
# properties of a secret go back to unset or to their defaults
/ppp secret
add name=bob password=pw remote-address=10.9.9.9 local-address=10.9.9.1 \
    service=l2tp profile=default-encryption
print detail
unset bob remote-address
unset bob value-name=local-address
print detail
reset bob service=""
print detail
# a settings menu: set and reset without numbers
/interface l2tp-server server
set max-mtu=1400 keepalive-timeout=disabled
:put [get max-mtu]
:put [get keepalive-timeout]
reset max-mtu=""
:put [get max-mtu]
