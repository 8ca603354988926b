"""Scrapy spiders for poscheck (provider sites); settings are built in poscheck.crawl."""
