using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>
/// The content API's reference for people: rendered on the server from the public OpenAPI document itself (the same JSON
/// partners download), so what it says cannot drift from the endpoints.
/// </summary>
[CachedPage]
public sealed class ReferenceModel : SitePage
{
    public sealed record ParameterDoc(string Name, string In, bool Required, string Type, string? Description);
    public sealed record ResponseDoc(string Status, string? Description, string? Example);
    public sealed record OperationDoc(string Id, string Method, string Path, string? Summary, string? Description,
        IReadOnlyList<ParameterDoc> Parameters, IReadOnlyList<ResponseDoc> Responses, string ExampleRequest);
    public sealed record FieldDoc(string Name, string Type, string? Description);
    public sealed record SchemaDoc(string Name, string? Description, IReadOnlyList<FieldDoc> Fields);

    public string Title { get; private set; } = "";
    public string? Intro { get; private set; }
    public string Server { get; private set; } = "";
    public List<OperationDoc> Operations { get; } = [];
    public List<SchemaDoc> Schemas { get; } = [];

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IActionResult> OnGetAsync()
    {
        using var document = JsonDocument.Parse(await ContentApiDocument.JsonAsync(HttpContext.RequestServices, HttpContext.RequestAborted));
        var root = document.RootElement;
        Title = root.GetProperty("info").GetProperty("title").GetString()!;
        Intro = root.GetProperty("info").TryGetProperty("description", out var intro) ? intro.GetString() : null;
        Server = root.GetProperty("servers")[0].GetProperty("url").GetString()!;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
            Operations.Add(Read(path.Name, operation.Name, operation.Value));
        if (root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas))
            foreach (var schema in schemas.EnumerateObject())
                Schemas.Add(new SchemaDoc(schema.Name, Text(schema.Value, "description"),
                    schema.Value.TryGetProperty("properties", out var properties)
                        ? properties.EnumerateObject().Select(p => new FieldDoc(p.Name, TypeOf(p.Value), Text(p.Value, "description"))).ToList()
                        : []));
        PageTitle = "Dokumentasi API Konten";
        Description = "Referensi API konten publik: artikel, kanal, tag, penulis dan indikator pasar dalam JSON.";
        return Page();
    }

    OperationDoc Read(string path, string method, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => new ParameterDoc(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var required) && required.GetBoolean(), p.TryGetProperty("schema", out var schema) ? TypeOf(schema) : "string",
                Text(p, "description"))).ToList()
            : [];
        var responses = operation.GetProperty("responses").EnumerateObject().Select(r => new ResponseDoc(r.Name, Text(r.Value, "description"),
            r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } media
            && media.TryGetProperty("example", out var example) ? JsonSerializer.Serialize(example, Indented) : null)).ToList();
        // The example request: path parameters and query parameters that carry an example in the document.
        var examples = operation.TryGetProperty("parameters", out var all)
            ? all.EnumerateArray().Where(p => p.TryGetProperty("example", out _)).ToList()
            : [];
        var address = path;
        var query = new List<string>();
        foreach (var p in examples)
        {
            var name = p.GetProperty("name").GetString()!;
            var value = p.GetProperty("example").ToString();
            if (p.GetProperty("in").GetString() == "path") address = address.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            else if (p.GetProperty("in").GetString() == "query") query.Add(name + "=" + Uri.EscapeDataString(value));
        }
        var request = $"curl -i '{Server}{address}{(query.Count > 0 ? "?" + string.Join("&", query) : "")}'";
        return new OperationDoc(Text(operation, "operationId") ?? method + path, method.ToUpperInvariant(), path, Text(operation, "summary"), Text(operation, "description"),
            parameters, responses, request);
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A schema as one line: <c>string</c>, <c>integer</c>, <c>ArticleItem[]</c>, <c>string | null</c>, <c>date-time</c>.</summary>
    static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return reference.GetString()!.Split('/')[^1];
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            return string.Join(" | ", oneOf.EnumerateArray().Select(TypeOf));
        var types = !schema.TryGetProperty("type", out var type) ? ["any"]
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        var named = types.Select(t => t switch
        {
            "array" => (schema.TryGetProperty("items", out var items) ? TypeOf(items) : "any") + "[]",
            "string" when Text(schema, "format") is { } format => format,
            _ => t,
        });
        return string.Join(" | ", named.OrderBy(t => t == "null"));
    }
}
