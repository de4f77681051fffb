# use-ipsec on the L2TP server (menus.md A): yes/required creates the
# dynamic peer l2tp-in-server and its identity holding ipsec-secret; a
# new secret rewrites the identity; no removes both; the dynamic items
# refuse set and remove and are never exported.
/ip ipsec peer print
/ip ipsec identity print
/interface l2tp-server server set enabled=yes use-ipsec=required \
    ipsec-secret=first
/ip ipsec peer print
/ip ipsec peer print detail
/ip ipsec identity print
/ip ipsec identity print detail show-sensitive
:put [/ip ipsec identity get [find] secret]
:put [/ip ipsec identity get [find] peer]
:put [/ip ipsec peer get l2tp-in-server exchange-mode]
/interface l2tp-server server set ipsec-secret=second
/ip ipsec identity print show-sensitive
/interface l2tp-server server set use-ipsec=yes
:put [/ip ipsec peer find dynamic]
:put [/ip ipsec identity print count-only]
# the user can not change or remove what the server owns
:onerror e in={ /ip ipsec peer remove [find] } do={ :put $e }
:onerror e in={ /ip ipsec identity set [find] secret=x } do={ :put $e }
:onerror e in={ /ip ipsec peer set l2tp-in-server passive=no } do={ :put $e }
:put [:onerror e in={ /ip ipsec identity set [find] \
    generate-policy=port-strict } do={ :put $e }]
# export leaves them out, with and without show-sensitive
/export
/export show-sensitive
/ip ipsec peer export verbose
/ip ipsec identity export verbose
/interface l2tp-server server set use-ipsec=no
/ip ipsec peer print count-only
/ip ipsec identity print count-only
/interface l2tp-server server print show-sensitive
# and back: the secret kept on the server comes back with them
/interface l2tp-server server set use-ipsec=required
/ip ipsec identity print detail show-sensitive
