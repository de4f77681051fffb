# runtime menus without the daemon (menus.md D): /ppp active, /ip ipsec
# installed-sa and active-peers, /ip pool used print empty; their
# actions say there is nothing to act on; guides' /ip ipsec sa is an
# alias of installed-sa.
/ppp active print
/ppp active print count-only
/ppp active print detail
:put [:len [/ppp active find]]
/ip ipsec installed-sa print
/ip ipsec installed-sa print count-only
/ip ipsec sa print
/ip ipsec sa print count-only
/ip ipsec active-peers print
/ip ipsec active-peers print count-only
/ip pool add name=vpn ranges=10.0.0.2-10.0.0.9
/ip pool used print
/ip pool used print count-only
/ip pool print
/ip ipsec installed-sa flush
/ip ipsec sa flush
/ip ipsec active-peers kill-connections
/ppp active remove [find]
/ip ipsec statistics print
# runtime menus are not exported and refuse changes
/export
:onerror e in={ /ip pool used set 0 pool=vpn } do={ :put $e }
