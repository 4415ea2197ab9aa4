-- Serve Streamlit's content-hashed JavaScript and CSS bundles already gzipped at the
-- highest level, from memory. HAProxy's own gzip (libslz) is fast but compresses less:
-- 3.7 MB instead of 2.4 MB for the bundles of a first visit.
--
-- anis_viz/replicas.py writes the files and an index (one line per bundle:
-- "<url path>\t<content type>\t<file>") into the folder named by ANIS_VIZ_STATIC_GZ
-- (set in haproxy.cfg's global section) and routes here only the paths in that index,
-- for browsers that accept gzip. Everything is read once, when HAProxy starts.

local folder = os.getenv("ANIS_VIZ_STATIC_GZ")
local files = {}

if folder then
  local index = io.open(folder .. "/index.tsv", "r")
  if index then
    for line in index:lines() do
      local path, ctype, name = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
      if path then
        local handle = io.open(folder .. "/" .. name, "rb")
        if handle then
          files[path] = { body = handle:read("a"), ctype = ctype }
          handle:close()
        end
      end
    end
    index:close()
  end
end

core.register_fetches("static_gz", function(txn)
  return files[txn.sf:path()] ~= nil
end)

core.register_service("static_gz", "http", function(applet)
  local file = files[applet.path]
  if file == nil then
    applet:set_status(404)
    applet:start_response()
    return
  end
  applet:set_status(200)
  applet:add_header("content-type", file.ctype)
  applet:add_header("content-encoding", "gzip")
  applet:add_header("vary", "Accept-Encoding")
  applet:add_header("cache-control", "public, max-age=31536000, immutable")
  applet:add_header("content-length", tostring(#file.body))
  applet:start_response()
  if applet.method ~= "HEAD" then
    applet:send(file.body)
  end
end)
