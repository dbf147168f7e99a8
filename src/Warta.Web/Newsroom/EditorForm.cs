using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom;

/// <summary>The editor page's fields as the browser posts them (lists as comma- or line-separated text, times in WIB).</summary>
public sealed class EditorForm
{
    public string? Title { get; set; }
    public string? Channel { get; set; }
    public ArticleKind Kind { get; set; }
    public string? Tags { get; set; }
    public string? Reporters { get; set; }
    public string? Source { get; set; }
    public string? Editor { get; set; }
    public string? ColumnistName { get; set; }
    public string? ColumnistRole { get; set; }
    public string? Dateline { get; set; }
    public string? Summary { get; set; }
    public bool Premium { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    public Guid? ImageId { get; set; }
    public string? ImageCaption { get; set; }
    public string? ImageCredit { get; set; }
    public string? ImageAlt { get; set; }
    public string? Body { get; set; }
    /// <summary>Baca Juga picks, one per line: a story id or its address (/berita/slug).</summary>
    public string? Related { get; set; }
    public string? Note { get; set; }
    /// <summary>Why the story is taken off the site (required to unpublish from this page).</summary>
    public string? Reason { get; set; }
    /// <summary>A correction note ("Ralat") to add to the published story.</summary>
    public string? Correction { get; set; }
    public string? PublishAt { get; set; }
    public int? Version { get; set; }

    static List<string> Split(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static EditorForm From(ArticleInput a) => new()
    {
        Title = a.Title, Channel = a.Channel, Kind = a.Kind ?? ArticleKind.News, Tags = string.Join(", ", a.Tags ?? []),
        Reporters = string.Join(", ", a.Reporters ?? []), Source = a.Source, Editor = a.Editor, ColumnistName = a.Columnist?.Name,
        ColumnistRole = a.Columnist?.Role, Dateline = a.Dateline, Summary = a.Summary, Premium = a.Premium ?? false, SeoTitle = a.SeoTitle,
        SeoDescription = a.SeoDescription, ImageId = a.Image?.MediaId, ImageCaption = a.Image?.Caption, ImageCredit = a.Image?.Credit,
        ImageAlt = a.Image?.Alt, Body = a.Body, Related = string.Join("\n", a.Related ?? []), Note = a.Note,
        PublishAt = StaffPage.LocalInput(a.PublishedAt), Version = a.Version,
    };

    /// <summary>The form as the writer's one input shape; Baca Juga addresses are looked up to their story ids.</summary>
    public async Task<ArticleInput> ToInputAsync(WartaDb db)
    {
        var related = new List<Guid>();
        foreach (var line in Split(Related))
        {
            if (Guid.TryParse(line, out var id)) related.Add(id);
            else
            {
                var slug = line.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
                var found = await db.Articles.Where(a => a.Slug == slug).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
                // An address that names no story is kept as an id nobody has, so the save reports it instead of dropping it.
                related.Add(found ?? Guid.Empty);
            }
        }
        return new ArticleInput
        {
            Title = Title, Channel = Channel, Kind = Kind, Tags = Split(Tags), Reporters = Split(Reporters), Source = Source, Editor = Editor,
            Columnist = string.IsNullOrWhiteSpace(ColumnistName) ? null : new ColumnistInput { Name = ColumnistName, Role = ColumnistRole },
            Dateline = Dateline, Summary = Summary, Premium = Premium, SeoTitle = SeoTitle, SeoDescription = SeoDescription,
            Image = ImageId is null && string.IsNullOrWhiteSpace(ImageCaption) && string.IsNullOrWhiteSpace(ImageCredit) ? null
                : new ImageInput { MediaId = ImageId, Caption = ImageCaption, Credit = ImageCredit, Alt = ImageAlt },
            Body = Body, Related = related, Note = Note, PublishedAt = StaffPage.ParseLocal(PublishAt), Version = Version,
        };
    }
}
