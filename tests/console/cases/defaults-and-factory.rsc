# factory items (menus.md 0.2): present in a fresh store, editable but
# not removable; exports write them with set and a selector only when
# changed ([ find default=yes ], *id, item number, name, find name=).
/ip ipsec profile print
/ip ipsec proposal print
/ip ipsec policy print
/ip ipsec policy group print
/ip ipsec mode-config print
/ppp profile print
/export
/ip ipsec profile set [find default=yes] nat-traversal=no dpd-interval=30s
/ip ipsec proposal set default pfs-group=none
/ip ipsec policy set 0 level=unique
/ppp profile set default only-one=yes
/ppp profile set *FFFFFFFE use-encryption=required
/system logging set 3 action=memory
/user group set write comment="editors"
/interface list set [find name=none] comment="nothing here"
/export
/export terse
/ip ipsec policy print
:onerror e in={ /ip ipsec profile remove default } do={ :put $e }
:onerror e in={ /ip ipsec policy remove 0 } do={ :put $e }
:onerror e in={ /ppp profile remove *FFFFFFFE } do={ :put $e }
:onerror e in={ /system logging remove 0 } do={ :put $e }
:onerror e in={ /ppp profile add name=default } do={ :put $e }
# back to the factory values: their set lines disappear again (the
# template keeps its level=unique)
/ip ipsec profile set [find default=yes] nat-traversal=yes dpd-interval=2m
/ip ipsec proposal set default pfs-group=modp1024
/ppp profile set default only-one=default
/ppp profile set *FFFFFFFE use-encryption=yes
/system logging set 3 action=echo
/user group set write comment=""
/interface list set none comment="contains no interfaces"
/export
