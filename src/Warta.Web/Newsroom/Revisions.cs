using System.Net;
using System.Text;
using System.Text.Json;
using DiffPlex;
using DiffPlex.Chunkers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Shared;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public enum RevisionKind
{
    /// <summary>An accepted save (by the editor page, the API, wire ingest or seeding).</summary>
    Save,
    /// <summary>A save refused because the story had changed since the saver loaded it; kept so no text is lost.</summary>
    Refused,
    /// <summary>An earlier revision saved again as the newest.</summary>
    Restore,
    /// <summary>The scheduler put the story live.</summary>
    Scheduled,
}

/// <summary>
/// One immutable snapshot of a story's editable fields (as the API's JSON shape), written by every save. Never updated
/// or deleted.
/// </summary>
public sealed class ArticleRevision
{
    public long Id { get; set; }
    public Guid ArticleId { get; set; }
    /// <summary>The story's version this revision made; for a refused save, the version the saver had loaded.</summary>
    public int Version { get; set; }
    public RevisionKind Kind { get; set; }
    public ArticleStatus Status { get; set; }
    public string? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Title { get; set; }
    public required string Snapshot { get; set; }
    public string? Note { get; set; }

    public ArticleInput Input() => JsonSerializer.Deserialize<ArticleInput>(Snapshot, JsonInput.Options)!;

    public static string Serialize(ArticleInput input) => JsonSerializer.Serialize(input, JsonInput.Options);
}

sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> b)
    {
        b.HasIndex(r => new { r.ArticleId, r.Id });
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.AuthorId).HasMaxLength(450);
        b.Property(r => r.AuthorName).HasMaxLength(300);
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.Note).HasMaxLength(2000);
        b.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One line of a diff between two revisions: a field and its word-level difference as HTML.</summary>
public sealed record FieldDiff(string Label, string Html, bool Changed);

/// <summary>Word-level differences between two snapshots, rendered as HTML with &lt;del&gt; and &lt;ins&gt;.</summary>
public static class RevisionDiff
{
    static readonly Differ Differ = new();

    public static IReadOnlyList<FieldDiff> Compare(ArticleInput older, ArticleInput newer)
    {
        var fields = new List<FieldDiff>
        {
            Field("Judul", older.Title, newer.Title),
            Field("Ringkasan", older.Summary, newer.Summary),
            Field("Isi", BodyText(older.Body), BodyText(newer.Body)),
            Field("Kanal", older.Channel, newer.Channel),
            Field("Status", Label(older.Status), Label(newer.Status)),
            Field("Tag", Join(older.Tags), Join(newer.Tags)),
            Field("Reporter", Join(older.Reporters), Join(newer.Reporters)),
            Field("Sumber", older.Source, newer.Source),
            Field("Editor", older.Editor, newer.Editor),
            Field("Kolumnis", older.Columnist?.Name, newer.Columnist?.Name),
            Field("Dateline", older.Dateline, newer.Dateline),
            Field("Keterangan foto", older.Image?.Caption, newer.Image?.Caption),
            Field("Kredit foto", older.Image?.Credit, newer.Image?.Credit),
            Field("Judul SEO", older.SeoTitle, newer.SeoTitle),
            Field("Deskripsi SEO", older.SeoDescription, newer.SeoDescription),
            Field("Premium", older.Premium == true ? "ya" : "tidak", newer.Premium == true ? "ya" : "tidak"),
        };
        return fields;

        static string? Label(ArticleStatus? s) => s is { } v ? StoryAccess.Label(v) : null;
        static string Join(List<string>? items) => string.Join(", ", items ?? []);
    }

    /// <summary>The body's text, one paragraph per line, so the diff reads like the story.</summary>
    public static string BodyText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        var lines = new List<string>();
        // Paragraphs and other blocks one per line; loose text (a body typed without paragraphs) counts as a line too.
        foreach (var node in document.Body!.ChildNodes)
        {
            if (node is AngleSharp.Dom.IElement { LocalName: "hr" }) lines.Add("— pemisah halaman —");
            else if (node.TextContent.Trim() is { Length: > 0 } text) lines.Add(text);
        }
        return string.Join("\n", lines);
    }

    static FieldDiff Field(string label, string? older, string? newer)
    {
        older ??= "";
        newer ??= "";
        if (older == newer) return new FieldDiff(label, Encode(newer), false);
        return new FieldDiff(label, Words(older, newer), true);
    }

    /// <summary>The newer text with removed words in &lt;del&gt; and added words in &lt;ins&gt;.</summary>
    public static string Words(string older, string newer)
    {
        var diff = Differ.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, new DelimiterChunker([' ', '\n']));
        // Changes separated only by a space read as one change ("naik tipis" → "turun tajam"), not word by word.
        var blocks = new List<(int DeleteStart, int DeleteCount, int InsertStart, int InsertCount)>();
        foreach (var block in diff.DiffBlocks)
        {
            if (blocks.Count > 0 && blocks[^1] is var last
                && Blank(diff.PiecesOld, last.DeleteStart + last.DeleteCount, block.DeleteStartA)
                && Blank(diff.PiecesNew, last.InsertStart + last.InsertCount, block.InsertStartB)
                && block.DeleteStartA - (last.DeleteStart + last.DeleteCount) == block.InsertStartB - (last.InsertStart + last.InsertCount))
                blocks[^1] = (last.DeleteStart, block.DeleteStartA + block.DeleteCountA - last.DeleteStart, last.InsertStart, block.InsertStartB + block.InsertCountB - last.InsertStart);
            else blocks.Add((block.DeleteStartA, block.DeleteCountA, block.InsertStartB, block.InsertCountB));
        }
        var html = new StringBuilder();
        var position = 0;
        foreach (var (deleteStart, deleteCount, insertStart, insertCount) in blocks)
        {
            for (; position < insertStart; position++) html.Append(Encode(diff.PiecesNew[position]));
            if (deleteCount > 0) html.Append("<del>").Append(Encode(string.Concat(diff.PiecesOld.Skip(deleteStart).Take(deleteCount)))).Append("</del>");
            if (insertCount > 0) html.Append("<ins>").Append(Encode(string.Concat(diff.PiecesNew.Skip(insertStart).Take(insertCount)))).Append("</ins>");
            position = insertStart + insertCount;
        }
        for (; position < diff.PiecesNew.Count; position++) html.Append(Encode(diff.PiecesNew[position]));
        return html.ToString();

        static bool Blank(IReadOnlyList<string> pieces, int from, int to)
        {
            for (var i = from; i < to; i++)
                if (!string.IsNullOrWhiteSpace(pieces[i])) return false;
            return true;
        }
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>");
}
