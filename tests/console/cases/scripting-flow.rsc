# flow control (console-language 8.2): :if/else, :for with step and
# counting down, :while, :do while=, :foreach over lists, key/value
# arrays and find results.
:local n 3
:if ($n > 2) do={ :put "big" } else={ :put "small" }
:if ($n < 2) do={ :put "big" } else={ :put "small" }
:if ($n = 3) do={ :put "three" }
:if ($n != 3) do={ :put "never" }
:if (true) do={ :put "t" }
:if ("a" = "a") do={ :put "eq" }
:if (!false) do={ :put "not" }
:if (1 < 2 && 2 < 3) do={ :put "and" }
:if (1 > 2 || 2 < 3) do={ :put "or" }
:if (1 < 2 and 2 > 3) do={ :put "never" } else={ :put "else" }
:for i from=1 to=3 do={ :put "for $i" }
:for i from=0 to=10 step=5 do={ :put "step $i" }
:for i from=3 to=1 do={ :put "down $i" }
:for i from=10 to=0 step=-4 do={ :put "neg $i" }
:for i from=1 to=0 step=1 do={ :put "never" }
:local c 0
:while ($c < 3) do={ :set c ($c + 1); :put "while $c" }
:while (false) do={ :put "never" }
# the body of :do runs before the condition is tested
:do { :put "do $c"; :set c ($c - 1) } while=($c > 1)
:do { :put "once" } while=(false)
:foreach x in={"a";"b";"c"} do={ :put $x }
# unkeyed elements first, keyed ones sorted by key
:foreach k,v in={z=1;a=2;m=3} do={ :put "$k=$v" }
:foreach k,v in={"first";"second"} do={ :put "$k:$v" }
:foreach k,v in={"x";b=2;"y";a=1} do={ :put "$k -> $v" }
:foreach x in=[/ip pool find] do={ :put "never" }
/ip pool add name=p1 ranges=10.0.0.1
/ip pool add name=p2 ranges=10.0.0.2
:foreach id in=[/ip pool find] do={ :put [/ip pool get $id name] }
:local total 0
:foreach v in={1;2;3;4} do={ :set total ($total + $v) }
:put $total
# loops nest and see the enclosing variables
:for i from=1 to=2 do={
  :foreach w in={"x";"y"} do={ :put "$i$w" }
}
# a block command in a menu's context
:foreach id in=[/ip pool find] do={ /ip pool set $id comment="seen" }
/ip pool print
