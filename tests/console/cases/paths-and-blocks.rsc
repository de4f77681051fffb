# menu paths (console-language 1.2, 1.10): section lines, relative
# commands, .., /, slash-joined paths, `path { ... }` blocks, and a
# command with a path that does not change the current menu.
/ip pool
add name=a ranges=10.0.0.1
print count-only
/ip
pool add name=b ranges=10.0.0.2
pool print count-only
firewall filter add chain=input comment=rel
firewall filter print
..
ip pool print count-only
/ip firewall filter
# a command given with a path runs there and stays here
.. address-list add list=l address=1.1.1.1
.. address-list print
print count-only
/
ip pool print count-only
/ip/pool/print count-only
/ip/pool print count-only
/ip pool/ print count-only
/ip/firewall/filter/
print count-only
# a block runs in its path; the current menu outside is unchanged
/ip pool { add name=c ranges=10.0.0.3; print count-only }
print count-only
/ppp {
  profile add name=blk
  secret add name=u profile=blk
  # an absolute path inside the block
  /ip pool print count-only
}
/ppp secret print
/ip firewall
filter { print count-only }
# a section line inside a block ends with the block
{
  /ip pool
  print count-only
}
filter print count-only
../..
:put "at the root"
/ip firewall filter
../.. pool print count-only
# commands written with : resolve at the root from any menu
/ip pool
:put [:len [find]]
:foreach i in=[find] do={ :put [get $i name] }
