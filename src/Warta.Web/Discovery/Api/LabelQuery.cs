using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>The tags or authors list's query string: a page size and where the page before ended.</summary>
public sealed class LabelQuery
{
    [FromQuery(Name = "limit"), Description("Entries per page, 1–100; default 20.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description("The nextCursor of the page before; absent for the first page.")]
    public string? Cursor { get; init; }

    public static readonly string[] Names = ["limit", "cursor"];

    public (LabelPage? Page, Errors Errors) Read()
    {
        var errors = new Errors();
        var limit = ArticleQuery.ReadLimit(Limit, errors);
        SlugCursor? cursor = null;
        if (Cursor is not null && (cursor = SlugCursor.Parse(Cursor)) is null) ArticleQuery.CursorError(errors);
        return errors.Any ? (null, errors) : (new LabelPage(limit, cursor), errors);
    }
}

public sealed record LabelPage(int Limit, SlugCursor? After);

/// <summary>
/// Where a page of tags or authors ends: the last slug. Slugs are unique and the list is in slug order, so the next page
/// starts strictly after it, and labels added meanwhile neither repeat nor push one off. Opaque to callers.
/// </summary>
public sealed record SlugCursor(string Slug)
{
    const string Version = "1";

    public override string ToString() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + "." + Slug));

    public static SlugCursor? Parse(string value)
    {
        if (value.Length is 0 or > 400) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            return text.StartsWith(Version + ".", StringComparison.Ordinal) && Warta.Web.Shared.Slug.IsValid(text[2..], 200) ? new SlugCursor(text[2..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
