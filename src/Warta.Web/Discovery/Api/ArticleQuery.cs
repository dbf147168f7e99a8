using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>The articles list's query string as sent: every value is read as text here, so a bad one gets a 400 that names it.</summary>
public sealed class ArticleQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    [FromQuery(Name = "channel"), Description("Only stories of this channel (its slug, see /api/content/channels).")]
    public string? Channel { get; init; }

    [FromQuery(Name = "tag"), Description("Only stories with this tag (its slug, see /api/content/tags).")]
    public string? Tag { get; init; }

    [FromQuery(Name = "author"), Description("Only stories by this reporter or columnist (their slug, see /api/content/authors).")]
    public string? Author { get; init; }

    [FromQuery(Name = "kind"), Description("news or opinion.")]
    public string? Kind { get; init; }

    [FromQuery(Name = "from"), Description("Published at or after: a date (2023-05-01, from the start of that day in WIB) or an ISO 8601 time with its offset.")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Published at or before: a date (2023-05-31, to the end of that day in WIB) or an ISO 8601 time with its offset.")]
    public string? To { get; init; }

    [FromQuery(Name = "fields"), Description("The fields of each story, comma-separated, from: id, slug, url, title, summary, kind, channel, tags, authors, source, image, publishedAt, updatedAt, isAccessibleForFree, bodyComplete, body. Default: all but body.")]
    public string? Fields { get; init; }

    [FromQuery(Name = "limit"), Description("Stories per page, 1–100; default 20.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description("The nextCursor of the page before; absent for the first page.")]
    public string? Cursor { get; init; }

    /// <summary>The query checked, or the errors keyed by parameter.</summary>
    public (ArticleFilter? Filter, Errors Errors) Read()
    {
        var errors = new Errors();
        ArticleKind? kind = null;
        if (Kind is { } k)
        {
            if (k == "news") kind = ArticleKind.News;
            else if (k == "opinion") kind = ArticleKind.Opinion;
            else errors.Add("kind", $"kind must be news or opinion, not '{Shorten(k)}'.", "kind harus news atau opinion.");
        }
        var from = ReadInstant("from", From, endOfDay: false, errors);
        var to = ReadInstant("to", To, endOfDay: true, errors);
        if (from is not null && to is not null && from > to)
            errors.Add("to", "to is before from.", "to lebih awal daripada from.");
        var fields = ArticleFields.Parse(Fields, errors);
        var limit = ReadLimit(Limit, errors);
        ArticleCursor? cursor = null;
        if (Cursor is not null && (cursor = ArticleCursor.Parse(Cursor)) is null) CursorError(errors);
        foreach (var (name, slug) in new[] { ("channel", Channel), ("tag", Tag), ("author", Author) })
            if (slug is not null && !Slug.IsValid(slug, 200))
                errors.Add(name, $"{name} must be a slug (lower-case letters, digits and hyphens).", $"{name} harus berupa slug (huruf kecil, angka dan tanda hubung).");
        if (errors.Any) return (null, errors);
        return (new ArticleFilter(Channel, Tag, Author, kind, from, to, fields!, limit, cursor), errors);
    }

    /// <summary>A page size as sent (every list takes the same), or the default; a bad one is an error keyed <c>limit</c>.</summary>
    internal static int ReadLimit(string? value, Errors errors)
    {
        if (value is null) return DefaultLimit;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit) return limit;
        errors.Add("limit", $"limit must be a whole number from 1 to {MaxLimit}.", $"limit harus bilangan bulat 1 sampai {MaxLimit}.");
        return DefaultLimit;
    }

    internal static void CursorError(Errors errors) =>
        errors.Add("cursor", "cursor is not one this API gave out; pass a nextCursor unchanged, or leave it out for the first page.",
            "cursor tidak dikenal; kirim nextCursor apa adanya, atau kosongkan untuk halaman pertama.");

    static DateTimeOffset? ReadInstant(string name, string? value, bool endOfDay, Errors errors)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = Indonesian.FromWib(day.ToDateTime(TimeOnly.MinValue));
            return endOfDay ? Indonesian.FromWib(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1) : start;
        }
        // A time must say its offset: 10:00 means nothing until it says in which zone.
        if (value.Length > 10 && (value.EndsWith('Z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.ToUniversalTime();
        errors.Add(name, $"{name} must be a date (2023-05-01) or an ISO 8601 time with its offset (2023-05-01T10:00:00+07:00).",
            $"{name} harus tanggal (2023-05-01) atau waktu ISO 8601 dengan zonanya (2023-05-01T10:00:00+07:00).");
        return null;
    }

    static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

/// <summary>A checked articles query.</summary>
public sealed record ArticleFilter(
    string? Channel, string? Tag, string? Author, ArticleKind? Kind, DateTimeOffset? From, DateTimeOffset? To,
    IReadOnlyList<string> Fields, int Limit, ArticleCursor? Cursor);

/// <summary>
/// Where a page ends: the last story's publication time and id. The next page starts strictly after it in the list's order
/// (publishedAt, id) descending, so stories published meanwhile (newer, or dated earlier) neither repeat nor push a story off.
/// Opaque to callers: base64url of a version, the UTC ticks and the id.
/// </summary>
public sealed record ArticleCursor(DateTimeOffset PublishedAt, Guid Id)
{
    const string Version = "1";

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Version}.{PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id:N}"));

    public static ArticleCursor? Parse(string value)
    {
        if (value.Length is 0 or > 100) return null;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(value)).Split('.');
            return parts.Length == 3 && parts[0] == Version
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                   && Guid.TryParseExact(parts[2], "N", out var id)
                ? new ArticleCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
