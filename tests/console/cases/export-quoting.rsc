# quoting and wrapping of exported values (console-language 1.5, 1.6,
# 5.7): bare literals stay bare, anything else is quoted with \" \\ \$
# \? \r \n \t and \XX escapes; lines stay within 79 characters, long
# values wrap mid-value with 4-space continuation lines.
/ip firewall address-list
add list=q address=10.0.0.1 comment="plain"
add list=q address=10.0.0.2 comment="two words"
add list=q address=10.0.0.3 comment="say \"hi\""
add list=q address=10.0.0.4 comment="back\\slash"
add list=q address=10.0.0.5 comment="cost \$5"
add list=q address=10.0.0.6 comment="why\?"
add list=q address=10.0.0.7 comment="tab\tand\r\nnewline"
add list=q address=10.0.0.8 comment="bell\07"
add list=q address=10.0.0.9 comment="caf\C3\A9"
add list=q address=10.0.0.10 comment="#hash,list:a/b|c+d*e&f^g%h@i!j~k<l>m"
add list=q address=10.0.0.11 comment=""
add list=q address=10.0.0.12 comment="a very long comment that goes on and on well past the seventy-seven character limit of an export line"
add list=q address=10.0.0.13 comment="averylongcommentwithoutanyspacesthatcannotbewrittenbareonasinglelineofexportatall"
print where !(comment~"[[:cntrl:]]")
export
export terse
# the values read back as written
:put [get [find address=10.0.0.3] comment]
:put [get [find address=10.0.0.5] comment]
:put [:len [get [find address=10.0.0.7] comment]]
:put [:len [get [find address=10.0.0.9] comment]]
