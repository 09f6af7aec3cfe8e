# Read a results CSV the way Decidim::Accountability::ResultsCsvImporter does (Ruby's CSV with
# headers and Decidim.default_csv_col_sep ";", Date.parse on the dates) and print what it saw as JSON.
require "csv"
require "date"
require "json"

csv = CSV.new(File.read(ARGV[0], encoding: "UTF-8"), headers: true, col_sep: ";")
rows = []
while (row = csv.shift)
  next if row.to_hash.values.all? { |v| v.nil? || v.empty? }
  dates = %w(start_date end_date).to_h do |field|
    value = row[field]
    [field, value.nil? || value.empty? ? nil : Date.parse(value).iso8601]
  end
  rows << {
    "id" => row["id"], "parent" => row["parent/id"], "title_es" => row["title/es"], "title_en" => row["title/en"],
    "description_es" => row["description/es"], "progress" => row["progress"], "status" => row["status/id"]
  }.merge(dates)
end
puts JSON.generate({ "headers" => csv.headers, "rows" => rows })
