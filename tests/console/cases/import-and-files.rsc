# import (console-language 4.3): an export written with file= imports
# back (positional file name or file-name=); dry-run checks the file and
# keeps nothing; an import that fails at run time keeps nothing either
# (one import is one transaction), also when the caller catches it.
/ip pool add name=a ranges=10.0.0.1
/ip pool add name=b ranges=10.0.0.2 comment="second pool"
/ip pool export file=pools
/file print proplist=name,type
/ip pool remove [find]
/import pools.rsc
/ip pool print
/ip pool remove [find]
/import file-name=pools.rsc dry-run
/ip pool print count-only
/import pools.rsc verbose=yes
/ip pool print count-only
# a is added again, then b clashes: the whole import is undone
/ip pool remove [find name=a]
:do { /import pools.rsc } on-error={ :put "import failed" }
/ip pool print
:onerror e in={ /import pools.rsc } do={ :put "caught: $e" }
:onerror e in={ /import nosuch.rsc } do={ :put "caught: $e" }
# an import runs from the root menu and keeps its variables to itself
/ip firewall address-list add list=l address=10.9.9.9
/ip firewall address-list export file=lists
/ip firewall address-list remove [find]
/ip firewall filter { /import lists.rsc }
/ip firewall address-list print
/file print proplist=name,type,size
