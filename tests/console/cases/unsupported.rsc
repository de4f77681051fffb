/ip pool add name=p ranges=10.0.0.1
/routing bgp template add name=x
