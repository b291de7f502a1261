using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Data;

public sealed class SnakeCaseNamesTests
{
    [Theory]
    [InlineData("Incidents", "incidents")]
    [InlineData("AuthorityNotified_At", "authority_notified_at")]
    [InlineData("PK_Incidents", "pk_incidents")]
    [InlineData("AspNetUsers", "asp_net_users")]
    [InlineData("NIR", "nir")]
    [InlineData("NirIndex", "nir_index")]
    [InlineData("HTMLBody", "html_body")]
    [InlineData("Line2Text", "line2_text")]
    public void ToSnakeCase_PascalCaseName_GivesSnakeCase(string name, string expected) =>
        Assert.Equal(expected, SnakeCaseNames.ToSnakeCase(name));

    [Fact]
    public void Model_EveryTableColumnKeyAndIndex_IsSnakeCase()
    {
        using var db = PostgresServer.CreateContext("Host=unused");
        var names = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            names.Add(entity.GetTableName()!);
            names.AddRange(entity.GetFlattenedProperties().Select(p => p.GetColumnName()));
            names.AddRange(entity.GetKeys().Select(k => k.GetName()!));
            names.AddRange(entity.GetIndexes().Select(i => i.GetDatabaseName()!));
            names.AddRange(entity.GetForeignKeys().Select(f => f.GetConstraintName()!));
        }

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Matches("^[a-z0-9_]+$", name));
    }
}
