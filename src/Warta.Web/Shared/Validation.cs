using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Net.Http.Headers;

namespace Warta.Web.Shared;

/// <summary>
/// Validation errors keyed by the field at fault: the one way a rule reports a failure. An API answers them with
/// <see cref="Problem"/> (an RFC 9457 validation problem), a page shows them with <see cref="ShowOn"/>.
/// </summary>
public sealed class Errors
{
    public const string NothingSaved = "The request has errors; nothing was saved.";

    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> _indonesian = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>
    /// A rule broken, said for API callers (<paramref name="message"/>) and for staff (<paramref name="indonesian"/>), so one
    /// validation serves both: pages show the Indonesian, and so does an API asked with <c>Accept-Language: id</c>.
    /// </summary>
    public void Add(string field, string message, string indonesian)
    {
        Add(field, message);
        if (!_indonesian.TryGetValue(field, out var list)) _indonesian[field] = list = [];
        list.Add(indonesian);
    }

    /// <summary>What to show staff next to <paramref name="field"/>: the Indonesian message where one was given.</summary>
    public string? For(string field) =>
        _indonesian.TryGetValue(field, out var id) ? string.Join(" ", id.Distinct())
        : _errors.TryGetValue(field, out var en) ? string.Join(" ", en) : null;

    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>Every message for staff, field by field.</summary>
    public string Messages() => string.Join(" ", _errors.Keys.Select(For));

    public bool Any => _errors.Count > 0;

    /// <summary>True when a field starting with <paramref name="prefix"/> has an error.</summary>
    public bool Has(string prefix) => _errors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Every error on one line, for logs and command-line messages.</summary>
    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    /// <summary>The messages by field: the staff's (Indonesian) ones when <paramref name="indonesian"/>, else the API caller's.</summary>
    public Dictionary<string, string[]> ByField(bool indonesian) =>
        _errors.ToDictionary(e => e.Key, e => indonesian && _indonesian.TryGetValue(e.Key, out var id) ? [.. id] : e.Value.ToArray());

    /// <summary>
    /// The API's answer: a 400 validation problem whose <c>errors</c> are keyed by the JSON property the client sent. A caller
    /// that prefers Indonesian (a CMS showing staff the messages) gets the very words Warta's own pages show.
    /// </summary>
    public ValidationProblem Problem(HttpRequest request, string title = NothingSaved)
    {
        var indonesian = PrefersIndonesian(request);
        request.HttpContext.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        return TypedResults.ValidationProblem(ByField(indonesian), title: title);
    }

    /// <summary>
    /// The page's answer: each field's staff message as a ModelState entry under <paramref name="prefix"/> plus the field, so
    /// <c>asp-validation-for</c>, <c>Html.ValidationMessage</c> and the page's list of errors show the text the API sends.
    /// </summary>
    public void ShowOn(ModelStateDictionary modelState, string prefix = "")
    {
        foreach (var field in _errors.Keys) modelState.AddModelError(prefix + field, For(field)!);
    }

    static bool PrefersIndonesian(HttpRequest request)
    {
        var ranked = request.GetTypedHeaders().AcceptLanguage.Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value ?? "");
        foreach (var language in ranked)
        {
            if (language.Equals("id", StringComparison.OrdinalIgnoreCase) || language.StartsWith("id-", StringComparison.OrdinalIgnoreCase)) return true;
            if (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return false;
    }
}

/// <summary>How a page's view reads back what <see cref="Errors.ShowOn"/> put in its ModelState.</summary>
public static class PageErrors
{
    public static IEnumerable<string> FieldsWithErrors(this ModelStateDictionary modelState) =>
        modelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key);

    public static string? MessageFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry?.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>Every message on the page, field by field.</summary>
    public static string Messages(this ModelStateDictionary modelState) => string.Join(" ", modelState.FieldsWithErrors().Select(modelState.MessageFor));
}
