from inference_iac.emulator.cli import main

if __name__ == "__main__":
    main()
