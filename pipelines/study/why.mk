# study-why: the steps a run would make, and why, without making any
# (svy study --dry-run; included by pipelines/study/main.mk after the steps
# and the figures).  make -n cannot say it: GNU make 4.3 shows no recipe
# downstream of a grouped target under -n, and never says why.  So the
# reasons are worked out here, from what make knows when it reads the
# makefiles (the stamps whose values changed, TEXT_FILES_CHANGED) and from
# the files' times, step by step in the order of the table of steps (each
# step's inputs come before it):
#   not made yet             an output of the step is missing
#   VAR changed (was, now)   a study variable that shapes it changed (its stamp)
#   changed: FILE            an input (a file of the study, a tool) is newer
#   after STEP               an input is remade by STEP
# A figure is remade after the step that gives its data; the report after
# any of them.

# $(call why_line,NAME,OUTPUTS,INPUTS,STAMP): one call of why_step
why_line = why_step $(call sq,$(1)) $(call sq,$(strip $(2))) $(call sq,$(strip $(3))) $(call sq,$(4)) \
	$(if $(4),$(call text_word,$(TEXT_VAR_$(4))))$(newline)
# the steps whose figures a kind draws from
why_fig_steps = $(foreach s,$(STEPS_RUN),$(if $(filter $(1),$(STEP_FIG_$(s))),$(s))) $(if \
	$(and $(filter shares,$(1)),$(RUN_clusters)),clusters)
why_fig_inputs = $(foreach s,$(call why_fig_steps,$(1)),$(call step_out,$(s))) $(FIG_DEPS)

.PHONY: study-why
study-why:
	# what makes a file again: FILE|STEP lines ('~why' for a file of values
	# rewritten); no associative array, for the bash 3.2 of macOS
	redo_list=
	redo() {
		local l
		while IFS= read -r l; do [ "$${l%%|*}" != "$$1" ] || { printf '%s\n' "$${l#*|}"; return; }; done <<<"$$redo_list"
	}
	# changed STAMP NEWTEXT: the variables whose values differ, as words
	changed() {
		printf '%b' "$$2" | awk -v q="'" '
			function val(s) { return s == "" ? "empty" : q s q }
			FILENAME == "-" { k = $$0; sub(/=.*/, "", k); nv[k] = substr($$0, length(k) + 2); order[++n] = k; next }
			{ k = $$0; sub(/=.*/, "", k); ov[k] = substr($$0, length(k) + 2) }
			END {
				for (i = 1; i <= n; i++) {
					k = order[i]
					if (!(k in ov)) out = out sep k " set to " val(nv[k])
					else if (ov[k] != nv[k]) out = out sep k " changed (was " val(ov[k]) ", now " val(nv[k]) ")"
					else continue
					sep = "; "
				}
				print out
			}' "$$1" -
	}
	# why_step NAME OUTPUTS INPUTS STAMP NEWTEXT: say why NAME would be made
	why_step() {
		local name=$$1 o i r reasons=() after=() newer=() missing=0 oldest=
		for o in $$2; do
			if [ ! -e "$$o" ]; then missing=1; elif [ -z "$$oldest" ] || [ "$$o" -ot "$$oldest" ]; then oldest=$$o; fi
		done
		if [ $$missing = 1 ]; then reasons+=("not made yet")
		elif [ -n "$$4" ] && [ ! -e "$$4" ]; then reasons+=("made before its values were kept")
		elif [ -n "$$4" ] && [ -n "$$(redo "$$4")" ]; then reasons+=("$$(changed "$$4" "$$5")")
		fi
		for i in $$3; do
			[ "$$i" != "$$4" ] || continue
			r=$$(redo "$$i")
			if [[ $$r == '~'* ]]; then
				reasons+=("$${r#'~'}")
			elif [ -n "$$r" ]; then
				[[ " $${after[*]} " == *" $$r "* ]] || after+=("$$r")
			elif [ $$missing = 0 ] && [ -e "$$i" ] && [ "$$i" -nt "$$oldest" ]; then
				newer+=("$$i")
			fi
		done
		[ $${#newer[@]} -eq 0 ] || reasons+=("changed: $$(printf '%s, ' "$${newer[@]:0:3}" | sed 's/, $$//')$$([ $${#newer[@]} -le 3 ] || echo " and $$(($${#newer[@]} - 3)) more")")
		[ $${#after[@]} -eq 0 ] || reasons+=("after $$(printf '%s, ' "$${after[@]}" | sed 's/, $$//')")
		[ $${#reasons[@]} -gt 0 ] || return 0
		for o in $$2; do redo_list+="$$o|$$name"$$'\n'; done
		[ -n "$$quiet" ] || { n=$$((n + 1)); printf '%s: %s\n' "$$name" "$$(printf '%s; ' "$${reasons[@]}" | sed 's/; $$//')"; }
	}
	n=0 quiet=
	$(foreach f,$(filter $(TEXT_FILES_CHANGED),$(TEXT_FILES)),redo_list+='$(f)|~$(notdir $(f)) changed'$$'\n'$(newline))
	$(foreach s,$(STEPS_RUN),$(if $(STEP_OUT_$(s)),$(call why_line,$(s),$(filter-out \
		$(TEXT_FILES),$(call step_out,$(s))),$(call step_in,$(s)),$(call stamp,$(s)))))
	$(foreach k,$(FIGURE_KINDS_RUN),$(foreach f,$(FIG_NAMES_$(k)),$(call why_line,figure $(f),$(FIG)/$(f).svg \
		$(FIG)/$(f).png,$(call why_fig_inputs,$(k)),$(call stamp,fig-$(f)))))
	quiet=1
	$(call why_line,figures,$(B)/figures.stamp,$(FIGURES))
	quiet=
	$(call why_line,report,$(B)/report.md,$(REPORT_INPUTS) $(M)/report.sh $(S)/report \
		$(if $(call on,$(LABELS)),$(LABELS)),$(call stamp,report))
	if [ $$n = 0 ]; then echo "nothing would run: $(B)/report.md is up to date"; fi
