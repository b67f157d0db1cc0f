"""The demo registrar login (`accounts`). The demo data itself is data: import files under
`opendata/demo_data/`, loaded through the importer by `manage.py loaddemo` (opendata.demo).
"""
