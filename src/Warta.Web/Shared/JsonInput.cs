using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Warta.Web.Shared;

/// <summary>Validation errors keyed by the field at fault, answered as a 400 ProblemDetails.</summary>
public sealed class Errors
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> _indonesian = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>
    /// A rule broken, said for API callers (<paramref name="message"/>, in the ProblemDetails) and for staff on a page
    /// (<paramref name="indonesian"/>), so one validation serves both.
    /// </summary>
    public void Add(string field, string message, string indonesian)
    {
        Add(field, message);
        if (!_indonesian.TryGetValue(field, out var list)) _indonesian[field] = list = [];
        list.Add(indonesian);
    }

    /// <summary>What to show staff next to <paramref name="field"/>: the Indonesian message where one was given.</summary>
    public string? For(string field) =>
        _indonesian.TryGetValue(field, out var id) ? string.Join(" ", id)
        : _errors.TryGetValue(field, out var en) ? string.Join(" ", en) : null;

    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>Every message for staff, field by field.</summary>
    public string Messages() => string.Join(" ", _errors.Keys.Select(For));

    public bool Any => _errors.Count > 0;

    /// <summary>True when a field starting with <paramref name="prefix"/> has an error.</summary>
    public bool Has(string prefix) => _errors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Every error on one line, for logs and command-line messages.</summary>
    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    public IResult Result(string title = "The request has errors; nothing was saved.") =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: title);
}

/// <summary>
/// Reads a JSON body strictly: unknown fields and wrong types are refused with the field named, so a typo never
/// silently drops data.
/// </summary>
public static partial class JsonInput
{
    public static readonly JsonSerializerOptions Options = Create();

    static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            MaxDepth = 16,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }

    [GeneratedRegex("property '([^']+)'")]
    private static partial Regex PropertyName();

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var errors = new Errors();
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            errors.Add("", "Send the body as application/json.");
            return (null, errors.Result());
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            if (value is null)
            {
                errors.Add("", "The body is empty.");
                return (null, errors.Result());
            }
            return (value, null);
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            var unmapped = e.Message.Contains("could not be mapped", StringComparison.Ordinal);
            if (unmapped && PropertyName().Match(e.Message) is { Success: true } m)
            {
                var name = m.Groups[1].Value;
                path = path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : path + "." + name;
                errors.Add(path, $"Unknown field '{name}'.");
            }
            else if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
                errors.Add(path, path.Length == 0 ? "The body has the wrong shape." : $"'{path}' has the wrong type or an unknown value.");
            else
                errors.Add(path, "The body is not valid JSON: " + (e.InnerException?.Message ?? e.Message.Split(" Path:")[0]));
            return (null, errors.Result());
        }
    }
}
