# variables and types (console-language 2.1, 8.1, 5.5): :local, :global,
# :set, scopes, substitution in strings, :typeof of every literal kind,
# and how :put writes each type.
:local a 5
:global g "glob"
:put $a
:put $g
:set a ($a + 10)
:put $a
:put "a is $a and g is $g"
:put "twice: $($a * 2)"
:put "pools: $[:len [/ip pool find]]"
:put "escaped: \$a"
:local s
:put [:typeof $s]
:put [:typeof $nosuchvar]
# a block opens a scope of its own
{
  :local inner 1
  :set a 99
  :put "inner $inner, a $a"
}
:put [:typeof $inner]
:put $a
# globals stay visible; re-declaring without a value only refers to one
:global g
:put $g
:global g "changed"
:put $g
:local "my-var" 7
:put $"my-var"
:put [:typeof 5]
:put [:typeof -7]
:put [:typeof "x"]
:put [:typeof word]
:put [:typeof 1.2.3.4]
:put [:typeof 10.0.0.0/8]
:put [:typeof 1h]
:put [:typeof 00:00:30]
:put [:typeof true]
:put [:typeof yes]
:put [:typeof *1A]
:put [:typeof {1;2}]
:put [:typeof [:nothing]]
:put [:typeof 0x1F]
:put 0x1F
:put -7
:put yes
:put no
:put *1a
:put 10.1
:put 1d02:00:00
:put 90s
:put 1w2d3h4m5s
:put 00:00:30
:put {1;"two";k=v}
:put ""
:put
