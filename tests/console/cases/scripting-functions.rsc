# functions (console-language 8.4): :global f do={...}, positional $1
# $2 and named arguments, [$f ...] for the :return value, $f as a
# statement, and a body that sees globals but not the caller's locals.
:global add2 do={ :return ($1 + $2) }
:put [$add2 3 4]
:global f do={ :return ($1 + $a) }
:put [$f 5 a=2]
:global hello do={ :put "hello $name from $0" }
$hello name=bob
:global counter 0
:global bump do={ :global counter; :set counter ($counter + 1) }
$bump
$bump
:put $counter
:local secret 42
:global peek do={ :return [:typeof $secret] }
:put [$peek]
# :return ends the function early
:global first do={
  :foreach x in=$1 do={ :if ($x > 2) do={ :return $x } }
  :return "none"
}
:put [$first {1;5;7}]
:put [$first {1;2}]
# functions call functions and menus
:global poolcount do={ :return [:len [/ip pool find]] }
/ip pool add name=a ranges=10.0.0.1
:global report do={ :global poolcount; :return ("pools=" . [$poolcount]) }
:put [$report]
# a variable that holds no code yields its value
:global plain "v"
:put [$plain]
:put [:typeof $add2]
