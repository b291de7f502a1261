using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BreachPortal.Web.Data;

/// <summary>
/// Gives every table, column, key, foreign key and index a snake_case name, so hand-written SQL
/// (triggers, COPY, set-based merges) reads naturally. EFCore.NamingConventions has no build for
/// EF Core 10 on our package mirror; this is the small part of it the portal needs.
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(IMutableModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && entity.BaseType is null)
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            var tableId = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
            RenameColumns(entity.GetProperties(), tableId);
            foreach (var complex in entity.GetComplexProperties())
            {
                RenameComplex(complex, tableId);
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    private static void RenameComplex(IMutableComplexProperty complex, StoreObjectIdentifier? tableId)
    {
        RenameColumns(complex.ComplexType.GetProperties(), tableId);
        foreach (var nested in complex.ComplexType.GetComplexProperties())
        {
            RenameComplex(nested, tableId);
        }
    }

    private static void RenameColumns(IEnumerable<IMutableProperty> properties, StoreObjectIdentifier? tableId)
    {
        foreach (var property in properties)
        {
            var name = tableId is { } id ? property.GetColumnName(id) : property.GetColumnName();
            if (name is not null)
            {
                property.SetColumnName(ToSnakeCase(name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '_';
                var next = i + 1 < name.Length ? name[i + 1] : '_';
                var startsWord = previous != '_' && (char.IsLower(previous) || char.IsDigit(previous) || char.IsLower(next));
                if (startsWord && builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
