# catching errors (console-language 6.2, 8.6): :do on-error, :onerror
# with the message in a variable and its bool result, :error, and the
# RouterOS wording of runtime errors.  Caught errors do not undo what
# ran before them (only a whole script or import is atomic).
:do { :error "boom" } on-error={ :put "caught boom" }
:do { /ip pool add name=x } on-error={ :put "caught missing ranges" }
:put [:onerror e in={ :error "bad thing" } do={ :put "handler: $e" }]
:put [:onerror e in={ :put "fine" } do={ :put "never" }]
:onerror e in={ /ip pool set nosuch name=y } do={ :put "err: $e" }
:onerror e in={ /ip pool add name=p ranges=300.0.0.1 } do={ :put "err: $e" }
:onerror e in={ /ip pool add name=p } do={ :put "err: $e" }
:onerror e in={ :put [/ip pool get 7 name] } do={ :put "err: $e" }
:onerror e in={ /ppp secret add name=u profile=nosuch } do={ :put "err: $e" }
:onerror e in={ /ppp secret add name=u service=bogus } do={ :put "err: $e" }
:onerror e in={ /ip ipsec profile set [find default=yes] lifetime=1x } \
    do={ :put "err: $e" }
:onerror e in={ /ip firewall filter add chain=input dst-port=70000 } \
    do={ :put "err: $e" }
:onerror e in={ /ppp profile remove default } do={ :put "err: $e" }
:onerror e in={ /ip pool add name=d ranges=10.0.0.1; \
    /ip pool add name=d ranges=10.0.0.2 } do={ :put "err: $e" }
:onerror e in={ :set undefinedvar 5 } do={ :put "err: $e" }
:onerror e in={ :put (1 / 0) } do={ :put "err: $e" }
:onerror e in={ /ip pool print where name~"(" } do={ :put "err: $e" }
# the first add of the failed block above stays
/ip pool print
:local r 0
:do { :set r 1; :error "x"; :set r 2 } on-error={}
:put $r
# nested handlers: the inner one catches, the outer one sees nothing
:do {
  :do { :error "inner" } on-error={ :put "inner caught" }
  :put "outer goes on"
} on-error={ :put "never" }
# a handler may raise again
:onerror e in={
  :do { :error "first" } on-error={ :error "second" }
} do={ :put "outer caught: $e" }
