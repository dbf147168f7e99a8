using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Content;

/// <summary>Reads of one article in one hour (UTC), written in batches by <see cref="ViewCounter"/>.</summary>
public sealed class ArticleViewHour
{
    public Guid ArticleId { get; set; }
    public DateTimeOffset Hour { get; set; }
    public long Views { get; set; }
}

sealed class ArticleViewConfiguration : IEntityTypeConfiguration<ArticleViewHour>
{
    public void Configure(EntityTypeBuilder<ArticleViewHour> b)
    {
        b.HasKey(v => new { v.ArticleId, v.Hour });
        b.HasIndex(v => v.Hour);
        b.HasOne<Warta.Web.Content.Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
