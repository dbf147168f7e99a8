using System.Globalization;
using System.Text;

namespace Warta.Web.Shared;

public static class Slug
{
    /// <summary>Lower-case ASCII words joined by hyphens, at most <paramref name="max"/> characters, cut at a word.</summary>
    public static string From(string text, int max = 90)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        var hyphen = false;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                hyphen = false;
            }
            else if (!hyphen && sb.Length > 0)
            {
                sb.Append('-');
                hyphen = true;
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > max)
        {
            var cut = slug.LastIndexOf('-', max);
            slug = slug[..(cut > 20 ? cut : max)].Trim('-');
        }
        return slug;
    }

    /// <summary>The slug of <paramref name="text"/>, numbered (<c>-2</c>, <c>-3</c> …) until <paramref name="taken"/> says it is free.</summary>
    public static async Task<string> UniqueAsync(string text, string fallback, Func<string, Task<bool>> taken)
    {
        var baseSlug = From(text);
        if (baseSlug.Length == 0) baseSlug = fallback;
        var slug = baseSlug;
        for (var n = 2; await taken(slug); n++) slug = $"{baseSlug}-{n}";
        return slug;
    }

    public static bool IsValid(string? slug, int max = 80) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= max && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && slug[0] != '-' && slug[^1] != '-';
}
