# A script is atomic (README): output of the statements before the
# failing one is printed, then the error with its line and column, and
# the exit status is 1; nothing of the script is stored.
/ip pool add name=first ranges=10.0.0.1
/ip pool print
:put "before the failure"
/ppp secret add name=alice password=a
/ppp secret add name=alice password=b
:put "never printed"
