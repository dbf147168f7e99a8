using System.Text.Json;
using System.Text.Json.Nodes;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>The fields a caller may choose with <c>fields=</c>: the JSON names of <see cref="ArticleItem"/>, nothing else.</summary>
public static class ArticleFields
{
    public static readonly IReadOnlyList<string> All = typeof(ArticleItem).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();

    /// <summary>A list leaves out the body unless asked: a page of whole stories is heavy, and most callers want the list.</summary>
    public static readonly IReadOnlyList<string> ListDefault = All.Where(f => f != "body").ToList();

    public static IReadOnlyList<string>? Parse(string? value, Errors errors)
    {
        if (value is null) return ListDefault;
        var asked = value.Split(',', StringSplitOptions.TrimEntries);
        var unknown = asked.Where(f => !All.Contains(f, StringComparer.Ordinal)).Distinct().ToList();
        if (asked.All(f => f.Length == 0))
            errors.Add("fields", "fields names no field; leave it out for the default ones.", "fields tidak menyebut satu kolom pun.");
        else if (unknown.Count > 0)
            errors.Add("fields", $"Unknown field{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(f => f.Length == 0 ? "(empty)" : f.Length > 40 ? f[..40] + "…" : f))}. Choose from: {string.Join(", ", All)}.",
                $"Kolom tidak dikenal: {string.Join(", ", unknown)}. Pilihan: {string.Join(", ", All)}.");
        return errors.Has("fields") ? null : asked.Distinct().ToList();
    }

    /// <summary>The story with only <paramref name="fields"/>, in the order <see cref="ArticleItem"/> declares them.</summary>
    public static JsonObject Select(ArticleItem item, IReadOnlyList<string> fields, JsonSerializerOptions options)
    {
        var whole = JsonSerializer.SerializeToNode(item, options)!.AsObject();
        foreach (var name in All.Where(f => !fields.Contains(f))) whole.Remove(name);
        return whole;
    }
}
