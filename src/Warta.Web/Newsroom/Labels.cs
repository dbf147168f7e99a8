using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

public sealed class TagInput
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
}

public sealed class PersonInput
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    /// <summary>Shown after a columnist's name: <c>Name | Senior Editor</c>.</summary>
    public string? Role { get; set; }
}

/// <summary>
/// Saving the labels stories carry: channels (also through the API), tags and people. Every save validates, records its
/// audit entry in the same transaction, and evicts the reader pages that show the label.
/// </summary>
public sealed class LabelEditor(WartaDb db, TimeProvider clock, PageCache pages)
{
    public async Task<(Channel? Channel, bool Created, Errors Errors)> SaveChannelAsync(HttpContext http, string slug, ChannelInput input)
    {
        var errors = new Errors();
        if (!Slug.IsValid(slug)) errors.Add("slug", "A channel slug is 1–80 characters: a-z, 0-9 and hyphens.", "Slug kanal 1–80 karakter: huruf kecil a-z, angka dan tanda hubung.");
        var name = CheckName(errors, input.Name);
        if (input.Order is < -10_000 or > 10_000) errors.Add("order", "Order is between -10000 and 10000.", "Urutan antara -10000 dan 10000.");
        if (errors.Any) return (null, false, errors);
        var channel = await db.Channels.SingleOrDefaultAsync(c => c.Slug == slug);
        var created = channel is null;
        channel ??= db.Channels.Add(new Channel { Slug = slug, Name = "" }).Entity;
        channel.Name = name!;
        channel.Order = input.Order ?? channel.Order;
        AuditLog.Add(db, clock, http, AuditActions.ChannelSave, slug, $"{channel.Name} (urutan {channel.Order}){(created ? ", baru" : "")}");
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists);
        return (channel, created, errors);
    }

    /// <summary>Creates a tag (<paramref name="id"/> null) or renames one; its slug is its address, <c>/tag/{slug}</c>.</summary>
    public async Task<(Tag? Tag, Errors Errors)> SaveTagAsync(HttpContext http, int? id, TagInput input)
    {
        var errors = new Errors();
        var name = CheckName(errors, input.Name);
        var slug = CheckSlug(errors, input.Slug, name, 120);
        var tag = id is null ? null : await db.Tags.SingleOrDefaultAsync(t => t.Id == id);
        if (id is not null && tag is null) errors.Add("id", "No such tag.", "Tag tidak ditemukan.");
        if (slug is not null && await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != (id ?? 0)))
            errors.Add("slug", "Another tag has this slug.", "Slug ini sudah dipakai tag lain.");
        if (errors.Any) return (null, errors);
        tag ??= db.Tags.Add(new Tag { Slug = slug!, Name = name! }).Entity;
        AuditLog.Add(db, clock, http, AuditActions.TagSave, slug, Change(tag.Name, name!, tag.Slug, slug!, id is null));
        tag.Name = name!;
        tag.Slug = slug!;
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists, TagSuggestions.CacheTag);
        return (tag, errors);
    }

    /// <summary>Creates a person (<paramref name="id"/> null) or edits one; the slug is the author page, <c>/penulis/{slug}</c>.</summary>
    public async Task<(Person? Person, Errors Errors)> SavePersonAsync(HttpContext http, int? id, PersonInput input)
    {
        var errors = new Errors();
        var name = CheckName(errors, input.Name);
        var slug = CheckSlug(errors, input.Slug, name, 120);
        var role = string.IsNullOrWhiteSpace(input.Role) ? null : input.Role.Trim();
        if (role is { Length: > 120 }) errors.Add("role", "Role is at most 120 characters.", "Jabatan paling banyak 120 karakter.");
        var person = id is null ? null : await db.People.SingleOrDefaultAsync(p => p.Id == id);
        if (id is not null && person is null) errors.Add("id", "No such person.", "Orang ini tidak ditemukan.");
        if (slug is not null && await db.People.AnyAsync(p => p.Slug == slug && p.Id != (id ?? 0)))
            errors.Add("slug", "Another person has this slug.", "Slug ini sudah dipakai orang lain.");
        if (errors.Any) return (null, errors);
        person ??= db.People.Add(new Person { Slug = slug!, Name = name! }).Entity;
        AuditLog.Add(db, clock, http, AuditActions.PersonSave, slug, Change(person.Name, name!, person.Slug, slug!, id is null) + (role is null ? "" : $", jabatan {role}"));
        person.Name = name!;
        person.Slug = slug!;
        person.Role = role;
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists);
        return (person, errors);
    }

    static string? CheckName(Errors errors, string? input)
    {
        var name = input?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("name", "Name is required.", "Nama wajib diisi.");
        else if (name.Length > 120) errors.Add("name", "Name is at most 120 characters.", "Nama paling banyak 120 karakter.");
        else return name;
        return null;
    }

    /// <summary>The slug given, or one made from the name when left empty.</summary>
    static string? CheckSlug(Errors errors, string? input, string? name, int max)
    {
        var slug = string.IsNullOrWhiteSpace(input) ? (name is null ? null : Slug.From(name, max)) : input.Trim();
        if (slug is null) return null;
        if (Slug.IsValid(slug, max)) return slug;
        errors.Add("slug", $"A slug is 1–{max} characters: a-z, 0-9 and hyphens.", $"Slug 1–{max} karakter: huruf kecil a-z, angka dan tanda hubung.");
        return null;
    }

    static string Change(string oldName, string newName, string oldSlug, string newSlug, bool created) =>
        created ? $"baru: {newName}"
        : oldName == newName && oldSlug == newSlug ? "tanpa perubahan"
        : $"{oldName} ({oldSlug}) → {newName} ({newSlug})";
}
