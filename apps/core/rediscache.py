"""The shared cache on Redis, as Django's, with one client object per connection pool in each process.

Django's client builds a new `redis.Redis` (and its table of response callbacks, ~0.1 ms) for every cache
operation; a public page asks the cache five to ten times. The client is thread-safe and forks cleanly (the pool
checks its process id), so one per pool is enough."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _PooledClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _PooledClient
