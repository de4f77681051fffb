# /system backup save|load (console-language 4.4, menus.md 36): save
# writes NAME.backup beside the exports; load brings back every
# configuration menu as it was at save time.
/ip pool add name=keep ranges=10.0.0.1
/ppp secret add name=alice password=one service=l2tp
/interface l2tp-server server set enabled=yes use-ipsec=required ipsec-secret=PSK1
/system identity set name=before
/system backup save name=b
/file print proplist=name,type
# change everything the backup holds
/ip pool add name=later ranges=10.0.0.2
/ip pool remove keep
/ppp secret set alice password=two
/ppp secret add name=bob
/interface l2tp-server server set use-ipsec=no
/system identity set name=after
/export
/system backup load name=b
/export show-sensitive
/ip ipsec peer print
/ip ipsec identity print
# numbers are assigned afresh after a load
/ip pool set 0 comment=restored
/ip pool print
/system backup save name=second.backup
/file print proplist=name,type
:onerror e in={ /system backup load name=nosuch } do={ :put $e }
