"""The API's documentation page, rendered on the server from the OpenAPI schema: no script,
nothing loaded from another site (django-ninja's own page loads Swagger UI from a CDN)."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from opendata.api.main import api

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type(parameter.get("schema", {})),
                            "description": parameter.get("description")
                            or parameter.get("schema", {}).get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return operations


def _type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"] if option != {"type": "null"})
    if schema.get("type") == "array":
        return f"{_type(schema.get('items', {}))}[]"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    return schema.get("format") or schema.get("type", "")


@require_safe
def api_docs(request):
    schema = api.get_openapi_schema()
    return TemplateResponse(
        request,
        "opendata/api_docs.html",
        {
            "info": schema.get("info", {}),
            "operations": _operations(schema),
            "schema_url": "/api/v1/openapi.json",
        },
    )
