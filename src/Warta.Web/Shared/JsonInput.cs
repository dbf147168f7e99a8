using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Warta.Web.Shared;

/// <summary>Endpoint metadata: the JSON body the handler reads itself (a declared body parameter would bypass the strict reading).</summary>
public sealed record JsonBody(Type Type);

/// <summary>
/// Reads a JSON body strictly: unknown fields and wrong types are refused with the field named, so a typo never
/// silently drops data.
/// </summary>
public static partial class JsonInput
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>Marks an endpoint whose handler reads a <typeparamref name="T"/> with <see cref="ReadAsync{T}"/>, so the API description shows its body.</summary>
    public static RouteHandlerBuilder ReadsJson<T>(this RouteHandlerBuilder endpoint) where T : class => endpoint.WithMetadata(new JsonBody(typeof(T)));

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

    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var errors = new Errors();
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            errors.Add("", "Send the body as application/json.");
            return (null, errors.Problem(request));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            if (value is null)
            {
                errors.Add("", "The body is empty.");
                return (null, errors.Problem(request));
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
            return (null, errors.Problem(request));
        }
    }
}
