// Cockpit configuration of lync-runbooks: replaces the webjar's default (which configures nothing) so that
// Cockpit loads the manager's views as a frontend plugin (Camunda 7.14+ plugin API: an ES module whose default
// export is a list of plugins; paths are relative to app/cockpit/).
export default {
  customScripts: ['lync-runbooks/plugin.js']
};
