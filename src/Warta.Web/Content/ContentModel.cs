using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Accounts.Staff;
using Warta.Web.Shared;

namespace Warta.Web.Content;

public enum ArticleKind { News, Opinion }

/// <summary>Where a story is in the workflow: draft → submitted (for review) → returned | scheduled | published → unpublished.</summary>
public enum ArticleStatus { Draft, Submitted, Returned, Scheduled, Published, Unpublished }

public sealed class Channel
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}

public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
}

/// <summary>Reporters, editors and columnists as readers see them in credit lines and on author pages.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>Shown after a columnist's name: <c>Name | Senior Editor</c>.</summary>
    public string? Role { get; set; }
}

public sealed class Article
{
    public Guid Id { get; set; }
    public ArticleKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public int ChannelId { get; set; }
    public Channel Channel { get; set; } = null!;
    /// <summary>The agency for wire copy (Reuters, Antara …); null for staff copy.</summary>
    public string? Source { get; set; }
    public int? EditorId { get; set; }
    public Person? Editor { get; set; }
    public int? ColumnistId { get; set; }
    public Person? Columnist { get; set; }
    public string? Dateline { get; set; }
    public Guid? ImageId { get; set; }
    public Media? Image { get; set; }
    public string? ImageCaption { get; set; }
    public string? ImageCredit { get; set; }
    /// <summary>Alternative text of the lead photo for this story (prefilled from the media library item).</summary>
    public string? ImageAlt { get; set; }
    /// <summary>Overrides the headline in the page title and search results when set.</summary>
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    /// <summary>The staff account that created the story; null for stories from an API key or the system (wire, demo).</summary>
    public string? OwnerId { get; set; }
    /// <summary>The editor's note when the story was returned to its writer.</summary>
    public string? ReturnNote { get; set; }
    /// <summary>Raised by every accepted save; an editor sends the version it loaded, and a save from an older one is refused.</summary>
    public int Version { get; set; } = 1;
    /// <summary>Sanitised HTML; the dateline is added when rendered, not stored.</summary>
    public string Body { get; set; } = "";
    public string? Summary { get; set; }
    public bool Premium { get; set; }
    public ArticleStatus Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Set when a published story is corrected; readers see it as the update time.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    /// <summary>
    /// Where the story stands in the newsroom's list of every story (newest first): its publication time, else when it was
    /// created. Kept by every save, so the list pages by an index instead of sorting the whole table.
    /// </summary>
    public DateTimeOffset ListedAt { get; set; }
    public List<ArticleTag> Tags { get; set; } = [];
    public List<ArticleReporter> Reporters { get; set; } = [];
    public List<ArticleRelated> Related { get; set; } = [];
}

/// <summary>A dated correction note ("Ralat") an editor added to a published story; readers see every one under the story.</summary>
public sealed class ArticleCorrection
{
    public long Id { get; set; }
    public Guid ArticleId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }
    public required string AuthorName { get; set; }

    public const int TextMax = 2000;
}

public sealed class ArticleTag
{
    public Guid ArticleId { get; set; }
    public int TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public int Order { get; set; }
}

public sealed class ArticleReporter
{
    public Guid ArticleId { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int Order { get; set; }
}

/// <summary>An editor's Baca Juga pick, kept in the editor's order.</summary>
public sealed class ArticleRelated
{
    public Guid ArticleId { get; set; }
    public Guid RelatedId { get; set; }
    public Article RelatedArticle { get; set; } = null!;
    public int Order { get; set; }
}

public sealed class Media
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? Alt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The bytes of one rendition of a media item, kept in the database so every node serves the same file.</summary>
public sealed class MediaFile
{
    public Guid MediaId { get; set; }
    /// <summary><c>original</c> now; sized renditions are added by the media library.</summary>
    public required string Variant { get; set; }
    public required byte[] Bytes { get; set; }
}

sealed class ContentConfiguration :
    IEntityTypeConfiguration<Channel>, IEntityTypeConfiguration<Tag>, IEntityTypeConfiguration<Person>,
    IEntityTypeConfiguration<Article>, IEntityTypeConfiguration<ArticleTag>, IEntityTypeConfiguration<ArticleReporter>,
    IEntityTypeConfiguration<ArticleRelated>, IEntityTypeConfiguration<Media>, IEntityTypeConfiguration<MediaFile>,
    IEntityTypeConfiguration<ArticleCorrection>
{
    public void Configure(EntityTypeBuilder<ArticleCorrection> b)
    {
        b.HasIndex(c => new { c.ArticleId, c.At });
        b.Property(c => c.Text).HasMaxLength(ArticleCorrection.TextMax);
        b.Property(c => c.AuthorName).HasMaxLength(300);
        b.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Channel> b)
    {
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Slug).HasMaxLength(80);
        b.Property(c => c.Name).HasMaxLength(120);
    }

    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Slug).HasMaxLength(120);
        b.Property(t => t.Name).HasMaxLength(120);
    }

    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.Slug).HasMaxLength(120);
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Role).HasMaxLength(120);
    }

    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.HasIndex(a => a.Slug).IsUnique();
        b.HasIndex(a => new { a.Status, a.PublishedAt });
        b.HasIndex(a => new { a.ChannelId, a.Status, a.PublishedAt });
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.Slug).HasMaxLength(200);
        b.Property(a => a.Source).HasMaxLength(80);
        b.Property(a => a.Dateline).HasMaxLength(80);
        b.Property(a => a.ImageCaption).HasMaxLength(500);
        b.Property(a => a.ImageCredit).HasMaxLength(200);
        b.Property(a => a.ImageAlt).HasMaxLength(500);
        b.Property(a => a.SeoTitle).HasMaxLength(300);
        b.Property(a => a.SeoDescription).HasMaxLength(500);
        b.Property(a => a.OwnerId).HasMaxLength(450);
        b.Property(a => a.ReturnNote).HasMaxLength(2000);
        // A save of an older version loses the race instead of overwriting (see ArticleWriter).
        b.Property(a => a.Version).IsConcurrencyToken();
        // Desk views: my drafts, waiting for review, scheduled, published today.
        b.HasIndex(a => new { a.OwnerId, a.Status, a.ModifiedAt });
        b.HasIndex(a => new { a.Status, a.ModifiedAt });
        // The list of every story, newest first, paged by (ListedAt, Slug) keys.
        b.HasIndex(a => new { a.ListedAt, a.Slug });
        b.HasOne<Warta.Web.Accounts.Staff.StaffUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Summary).HasMaxLength(1000);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne(a => a.Channel).WithMany().HasForeignKey(a => a.ChannelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Editor).WithMany().HasForeignKey(a => a.EditorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Columnist).WithMany().HasForeignKey(a => a.ColumnistId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Image).WithMany().HasForeignKey(a => a.ImageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Tags).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Reporters).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Related).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ArticleTag> b)
    {
        b.HasKey(t => new { t.ArticleId, t.TagId });
        b.HasIndex(t => t.TagId);
        b.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ArticleReporter> b)
    {
        b.HasKey(r => new { r.ArticleId, r.PersonId });
        b.HasIndex(r => r.PersonId);
        b.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ArticleRelated> b)
    {
        b.HasKey(r => new { r.ArticleId, r.RelatedId });
        b.HasOne(r => r.RelatedArticle).WithMany().HasForeignKey(r => r.RelatedId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Media> b)
    {
        b.Property(m => m.FileName).HasMaxLength(260);
        b.Property(m => m.ContentType).HasMaxLength(80);
        b.Property(m => m.Caption).HasMaxLength(500);
        b.Property(m => m.Credit).HasMaxLength(200);
        b.Property(m => m.Alt).HasMaxLength(500);
        b.HasIndex(m => m.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<MediaFile> b)
    {
        b.HasKey(f => new { f.MediaId, f.Variant });
        b.Property(f => f.Variant).HasMaxLength(40);
        b.HasOne<Media>().WithMany().HasForeignKey(f => f.MediaId).OnDelete(DeleteBehavior.Cascade);
    }
}
