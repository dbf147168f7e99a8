using System.ComponentModel;

namespace Warta.Web.Discovery.Api;

[Description("A channel (kanal) of the site.")]
public sealed record ChannelItem(
    [property: Description("The channel's address part, the value of the articles filter `channel`.")] string Slug,
    string Name,
    [property: Description("The channel's page on the site (absolute).")] string Url);

[Description("A tag.")]
public sealed record TagItem(
    [property: Description("The tag's address part, the value of the articles filter `tag`.")] string Slug,
    string Name,
    [property: Description("The tag's page on the site (absolute).")] string Url);

[Description("A reporter, editor or columnist as readers see them.")]
public sealed record AuthorItem(
    [property: Description("The author's address part, the value of the articles filter `author`.")] string Slug,
    string Name,
    [property: Description("A columnist's role (Senior Editor), else null.")] string? Role,
    [property: Description("The author's page on the site (absolute).")] string Url);

[Description("A story's lead photo.")]
public sealed record ImageItem(
    [property: Description("A JPEG rendition 1,024 pixels wide (or the photo's own width when narrower), absolute.")] string Url,
    int Width, int Height, string? Caption, string? Credit, string? Alt);

[Description("A published story. Only the fields asked for with `fields` are present in a list.")]
public sealed record ArticleItem(
    Guid Id,
    string Slug,
    [property: Description("The story's page on the site (absolute).")] string Url,
    string Title,
    [property: Description("The summary, or the start of the story's public text.")] string Summary,
    [property: Description("news or opinion.")] string Kind,
    ChannelItem Channel,
    List<TagItem> Tags,
    [property: Description("The reporters, then the columnist of an opinion piece.")] List<AuthorItem> Authors,
    [property: Description("The agency of wire copy (Reuters, Antara …), else null.")] string? Source,
    ImageItem? Image,
    [property: Description("When the story was published, ISO 8601 in WIB (+07:00).")] DateTimeOffset PublishedAt,
    [property: Description("When a published story was last corrected, ISO 8601 in WIB (+07:00), else null.")] DateTimeOffset? UpdatedAt,
    [property: Description("False for a premium story: its body here stops where the paywall starts.")] bool IsAccessibleForFree,
    [property: Description("False when `body` is only the free part of a premium story; the rest is read on the site by subscribers.")] bool BodyComplete,
    [property: Description("The story's public text as HTML: the whole body of a free story, the free paragraphs of a premium one.")] string Body);

[Description("One page of stories, newest first.")]
public sealed record ArticleList(
    List<ArticleItem> Items,
    [property: Description("Pass as `cursor` for the next page; null on the last page. Stories published meanwhile never repeat or shift a page.")] string? NextCursor);

[Description("One page of tags, by slug.")]
public sealed record TagList(
    List<TagItem> Items,
    [property: Description("Pass as `cursor` for the next page; null on the last page. Tags added meanwhile never repeat or shift a page.")] string? NextCursor);

[Description("One page of reporters, editors and columnists, by slug.")]
public sealed record AuthorList(
    List<AuthorItem> Items,
    [property: Description("Pass as `cursor` for the next page; null on the last page. Authors added meanwhile never repeat or shift a page.")] string? NextCursor);

[Description("An instrument of the INDIKATOR ticker and its latest quote.")]
public sealed record InstrumentItem(
    [property: Description("The instrument's symbol (LQ45, EMAS, USD/IDR).")] string Symbol,
    string Label,
    [property: Description("index, price, fx or fund-index.")] string Kind,
    [property: Description("The unit of the value (Rp/gram), else null.")] string? Unit,
    [property: Description("Decimals the site shows the value with.")] int Decimals,
    [property: Description("The instrument's page on the site (absolute).")] string Url,
    [property: Description("Null until the first quote arrives.")] QuoteItem? Latest);

[Description("An instrument's latest quote.")]
public sealed record QuoteItem(
    decimal Value,
    [property: Description("When the value was quoted, ISO 8601 in WIB (+07:00).")] DateTimeOffset At,
    [property: Description("The previous trading day's close, when known.")] decimal? PreviousClose,
    [property: Description("Value minus the previous close, when that is known.")] decimal? Change,
    [property: Description("The change in percent of the previous close, rounded to 2 decimals, when known.")] decimal? Percent);
