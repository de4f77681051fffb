# strings, conversions, arrays and operators (console-language 8.2-8.5).
:local s "hello world"
:put [:len $s]
:put [:pick $s 0 5]
:put [:pick $s 6]
:put [:pick $s 6 100]
:put [:find $s "o"]
:put [:find $s "o" 4]
:put [:typeof [:find $s "z"]]
:put [:tostr 42]
:put [:typeof [:tostr 42]]
:put [:tostr {1;2;3}]
:put [:tonum "42"]
:put ([:tonum "40"] + 2)
:put [:tonum "0x10"]
:put [:typeof [:tonum "abc"]]
:put [:toip "10.1.2.3"]
:put [:typeof [:toip "10.1.2.3"]]
:put [:typeof [:toip "nonsense"]]
:put [:totime "1h30m"]
:put [:typeof [:totime "01:00:00"]]
:put [:toarray "1,2,3"]
:put [:len [:toarray "1,2,3"]]
:put [:typeof ([:toarray "1,2,3"]->0)]
:put [:len [:toarray ""]]
# arrays: elements, keys, sub-arrays, nesting, element assignment
:local a {1;2;3}
:put $a
:put [:len $a]
:put ($a->0)
:put ($a->2)
:put [:typeof ($a->5)]
:put [:pick $a 1 3]
:put [:find $a 3]
:local m {name="x";mtu=1400;on=true}
:put $m
:put ($m->"mtu")
:put ($m->"name")
:put [:typeof ($m->"missing")]
:set ($m->"mtu") 1500
:set ($m->"new") "added"
:put $m
:set ($a->1) 20
:put $a
:local n {{1;2};{3;4}}
:put ($n->1->0)
:set ($n->1->0) 30
:put ($n->1)
# concatenation and appending
:put ("x" . "y" . 1)
:put ("n=" . 5)
:put ($a , 4)
:put [:len ($a , {5;6})]
# arithmetic on numbers, times and addresses
:put (7 + 3)
:put (7 - 10)
:put (7 * 3)
:put (7 / 2)
:put (7 % 4)
:put (-(5))
:put (1h + 30m)
:put (2h - 30m)
:put (1h * 2)
:put (10.0.0.1 + 5)
:put (10.0.0.10 - 10.0.0.1)
:put (10.20.30.40 & 255.255.255.0)
:put (~0)
# comparison, containment, regular expressions
:put (3 > 2)
:put (2 >= 3)
:put ("abc" = "abc")
:put ("abc" != "abd")
:put (10.1.2.3 in 10.0.0.0/8)
:put (10.1.2.3 in 192.168.0.0/16)
:put (10.1.0.0/16 in 10.0.0.0/8)
:put ("abc" ~ "^a")
:put ("abc" ~ "^b")
:put ("l2tp-in-server" ~ "^l2tp-(in|out)")
